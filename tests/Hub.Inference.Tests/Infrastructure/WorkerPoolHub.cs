using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Hub.Testing;

namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// A pool as production runs it: the hub in the test process with only the <c>api</c> role (PostgreSQL + Ceph RGW), and
/// two worker processes (role <c>inference</c>) that register through the database and warm MiniLM at start. Each
/// worker holds one model at a time (memory budget of one byte), so moving between models evicts and reloads.
/// </summary>
public sealed class WorkerPoolHub : IAsyncLifetime
{
    public const string Secret = "pool-secret-for-the-tests-0123456789";
    public const string WarmModelName = "minilm-pool";

    private readonly List<WorkerProcess> workers = [];

    public HubServer Api { get; } = new PoolApi();

    /// <summary>The MiniLM repo every worker warms.</summary>
    public string WarmRepo { get; private set; } = "";

    /// <summary>The registry as the API saw it once both workers had started and warmed their model.</summary>
    public JsonArray WorkersAtStart { get; private set; } = [];

    public async Task InitializeAsync()
    {
        await Api.InitializeAsync();
        WarmRepo = await ModelRepos.UploadAsync(Api.Client(Api.AdminToken), WarmModelName, MiniLm.RepoFiles("feature-extraction"));
        var first = StartWorker();
        var second = StartWorker();
        WorkersAtStart = await WaitForWorkersAsync(all => all.Count(w => Url(w).Length > 0 && LoadedRepos(w).Contains(WarmRepo)) >= 2, [first, second]);
    }

    public async Task DisposeAsync()
    {
        foreach (var worker in workers) worker.Dispose();
        await Api.DisposeAsync();
    }

    /// <summary>Starts one more worker with the pool's settings.</summary>
    public WorkerProcess StartWorker()
    {
        var configuration = Api.Services.GetRequiredService<IConfiguration>();
        var settings = new Dictionary<string, string>
        {
            ["Hub:Inference:Pool:Secret"] = Secret,
            ["Hub:Inference:Pool:HeartbeatSeconds"] = "0.25",
            ["Hub:Inference:MemoryBudgetBytes"] = "1",
            ["Hub:Inference:Warm:0"] = WarmRepo,
            ["Hub:Inference:UseCuda"] = "false",
            ["Hub:Storage:RepoRoot"] = Path.Combine(Api.DataDir, "repos"),
            ["ConnectionStrings:Hub"] = configuration.GetConnectionString("Hub")!,
        };
        foreach (var section in new[] { "Hub:Database", "Hub:Storage" })
            foreach (var (key, value) in configuration.GetSection(section).AsEnumerable())
                if (value is not null) settings.TryAdd(key, value);
        var worker = new WorkerProcess(settings);
        lock (workers) workers.Add(worker);
        return worker;
    }

    /// <summary>Polls the API's view of the pool until <paramref name="done"/> holds; fails with the workers' output after two minutes.</summary>
    public async Task<JsonArray> WaitForWorkersAsync(Func<JsonArray, bool> done, IReadOnlyList<WorkerProcess> watched)
    {
        using var client = Api.Client(Api.AdminToken);
        JsonArray last = [];
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var ready = await client.GetAsync("v2/health/ready");
            last = JsonNode.Parse(await ready.Content.ReadAsStringAsync())?["workers"] as JsonArray ?? [];
            if (done(last)) return last;
            if (watched.Any(w => w.HasExited)) break;
            await Task.Delay(200);
        }
        throw new InvalidOperationException($"The workers did not get there. Registry: {last.ToJsonString()}\n" +
            string.Join("\n", watched.Select(w => $"--- worker {w.Id} (exited: {w.HasExited}):\n{w.Output}")));
    }

    public static string[] LoadedRepos(JsonNode? worker) =>
        [.. (worker?["loadedModels"] as JsonArray ?? []).Select(m => m!.GetValue<string>().Split('@')[0])];

    public static string Url(JsonNode? worker) => worker?["url"]?.GetValue<string>() ?? "";

    /// <summary>The model's figures summed over the pool.</summary>
    public async Task<JsonNode> StatsAsync(string repo)
    {
        using var client = Api.Client(Api.AdminToken);
        return (await client.GetFromJsonAsync<JsonNode>($"v2/models/{repo.Replace("/", "--", StringComparison.Ordinal)}/stats"))!;
    }

    private sealed class PoolApi() : HubServer(production: true)
    {
        protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        [
            new("Hub:Roles", "api"),
            new("Hub:Inference:Pool:Secret", Secret),
            new("Hub:Inference:Pool:RegistryRefreshSeconds", "0.2"),
            new("Hub:Inference:Pool:WorkerTimeoutSeconds", "3"),
            new("Hub:Inference:Pool:FailureBackoffSeconds", "30"),
        ];
    }
}
