using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Deploy.Tests.Cluster;
using Hub.Testing;
using Npgsql;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Inference worker processes (role <c>inference</c>) serving a <see cref="HubCluster"/>, as the worker Deployment does:
/// same database, bucket and repositories, registered in <c>inference_workers</c>, each warming all-MiniLM-L6-v2 (from
/// NuGet, uploaded through the proxy like any model) at start. The hubs (roles api+web) route inference to them.
/// </summary>
public sealed class InferenceWorkers : IDisposable
{
    public const string ModelName = "minilm";
    private const string Secret = "deploy-test-pool-secret-0123456789";
    private readonly List<WorkerProcess> workers = [];

    private InferenceWorkers(string repo) => Repo = repo;

    /// <summary>What the hub processes need to route inference to the pool (extra settings of the hub processes).</summary>
    public static IReadOnlyDictionary<string, string> HubSettings { get; } = new Dictionary<string, string>
    {
        ["Hub:Inference:Pool:Secret"] = Secret,
        ["Hub:Inference:Pool:RegistryRefreshSeconds"] = "0.2",
        // Generous: on a busy test machine a heartbeat can come late, and a worker out of the registry would cost retries.
        ["Hub:Inference:Pool:WorkerTimeoutSeconds"] = "10",
        ["Hub:Inference:Pool:FailureBackoffSeconds"] = "30",
    };

    /// <summary>The MiniLM repo every worker warms (<c>admin/minilm</c>).</summary>
    public string Repo { get; }

    public IReadOnlyList<WorkerProcess> Workers => workers;

    /// <summary>Uploads MiniLM through the proxy, starts <paramref name="count"/> workers and waits until each has registered with MiniLM loaded.</summary>
    public static async Task<InferenceWorkers> StartAsync(HubCluster cluster, int count)
    {
        using var client = cluster.Client(cluster.AdminToken);
        var repo = await HubApi.CreateRepoAsync(client, ModelName);
        var operations = new List<object>();
        foreach (var file in MiniLm.RepoFiles("feature-extraction"))
        {
            if (file.Lfs) await HubApi.UploadLfsAsync(client, repo, file.Content);
            operations.Add(file.Lfs ? HubApi.LfsFile(file.Path, file.Content) : HubApi.File(file.Path, file.Content));
        }
        await HubApi.CommitOkAsync(client, repo, "Add MiniLM", [.. operations]);

        var pool = new InferenceWorkers(repo);
        try
        {
            var settings = new Dictionary<string, string>(cluster.Settings);
            foreach (var (key, value) in HubSettings) settings[key] = value;
            settings["Hub:Inference:Pool:HeartbeatSeconds"] = "0.25";
            // A worker needs few database connections (heartbeats, model lookups); the test PostgreSQL is shared.
            settings["ConnectionStrings:Hub"] = new NpgsqlConnectionStringBuilder(settings["ConnectionStrings:Hub"]) { MaxPoolSize = 4 }.ConnectionString;
            settings["Hub:Inference:Warm:0"] = repo;
            settings["Hub:Inference:UseCuda"] = "false";
            for (var i = 0; i < count; i++) pool.workers.Add(new WorkerProcess(settings, HubProcess.HubApiDll));
            await pool.WaitForWorkersAsync(client, count);
            return pool;
        }
        catch
        {
            pool.Dispose();
            throw;
        }
    }

    /// <summary>The workers' last output (for failure messages).</summary>
    public string Logs() => string.Join("\n", workers.Select(w => $"--- worker {w.Id} ({(w.HasExited ? "exited" : "running")}) ---\n{Tail(w.Output)}"));

    public void Dispose()
    {
        foreach (var worker in workers) worker.Dispose();
    }

    private async Task WaitForWorkersAsync(HttpClient client, int count)
    {
        JsonArray last = [];
        for (var attempt = 0; attempt < 900; attempt++)
        {
            using var ready = await client.GetAsync("v2/health/ready");
            last = JsonNode.Parse(await ready.Content.ReadAsStringAsync())?["workers"] as JsonArray ?? [];
            var warmed = last.Count(w => (w?["loadedModels"] as JsonArray ?? []).Any(m => m!.GetValue<string>().StartsWith(Repo + "@", StringComparison.Ordinal)));
            if (warmed >= count) return;
            if (workers.Any(w => w.HasExited)) break;
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The inference workers did not register with {Repo} loaded. Registry: {last.ToJsonString()}\n{Logs()}");
    }

    private static string Tail(string text) => text.Length > 8000 ? text[^8000..] : text;
}
