using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Hub.Bench.Search;
using Hub.Deploy.Tests.Cluster;

namespace Hub.Bench.Scale;

/// <summary>
/// API throughput of one hub process and of two behind the round-robin proxy (the Hub.Deploy.Tests cluster: separate
/// OS processes on one PostgreSQL, one S3 bucket, one repository directory). Prints the two-to-one ratio, and as the
/// limit measured in the same run the proxy's own ceiling (GET /alive through it: no database, no git).
/// On a machine with few cores the processes compete for the same CPUs and the ratio stays near 1; it approaches 2
/// where each process has cores of its own (or runs on its own node).
/// </summary>
public static class ScaleBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (!BenchHub.HasServices)
        {
            Console.Error.WriteLine("scale needs PostgreSQL and S3: deploy/test/services.sh up && source .test-services/env");
            return 2;
        }
        var seconds = Options.Number(args, "--seconds", 10);
        var connections = Options.Number(args, "--connections", 32);
        var rounds = Options.Number(args, "--rounds", 2);
        var services = new ClusterServices(BenchHub.Env("HUB_TEST_POSTGRES")!, BenchHub.Env("HUB_TEST_S3_URL")!,
            BenchHub.Env("HUB_TEST_S3_ACCESS_KEY")!, BenchHub.Env("HUB_TEST_S3_SECRET_KEY")!);
        Console.WriteLine($"scale: {Environment.ProcessorCount} cores, {connections} connections, {seconds} s per run; " +
                          "mix: repo info, file resolve, tree, search");
        // One cluster of two processes; a second proxy in front of the first process alone. The runs alternate (one,
        // two, one, two...) so drift in what else the machine does hits both alike; the best run of each counts.
        await using var cluster = await HubCluster.StartAsync(services, 2, new Dictionary<string, string> { ["Logging:LogLevel:Hub"] = "Warning" }, ct);
        await using var single = await RoundRobinProxy.StartAsync([cluster.Hubs[0].Url]);
        using var seeder = cluster.Client(cluster.AdminToken);
        var repos = await SeedAsync(seeder, ct);
        var duration = TimeSpan.FromSeconds(seconds);
        var best = new Dictionary<int, (LoadRunner.Result Api, LoadRunner.Result Alive)>();
        for (var round = 0; round < rounds; round++)
        {
            foreach (var hubs in new[] { 1, 2 })
            {
                using var client = cluster.Client(cluster.AdminToken, hubs == 1 ? single.Url : cluster.Url);
                client.Timeout = TimeSpan.FromSeconds(30);
                var api = await LoadRunner.RunAsync($"{hubs} hub", client, r => Pick(r, repos), connections, duration, ct);
                var alive = await LoadRunner.RunAsync($"{hubs} hub /alive", client, _ => "alive", connections, duration / 2, ct);
                Console.WriteLine($"  round {round + 1}, {hubs} hub process(es): {api.RequestsPerSecond,7:F0} req/s  p50 {api.P50Ms,6:F1} ms  " +
                                  $"p99 {api.P99Ms,7:F1} ms  failures {api.Failures};  GET /alive {alive.RequestsPerSecond,6:F0} req/s");
                if (!best.TryGetValue(hubs, out var b) || api.RequestsPerSecond > b.Api.RequestsPerSecond) best[hubs] = (api, alive);
            }
        }
        Console.WriteLine($"served per process (both proxies): {string.Join(" / ", cluster.Proxy.Served.Select((s, i) => i == 0 ? s + single.Served[0] : s))}");
        var one = best[1].Api.RequestsPerSecond;
        var two = best[2].Api.RequestsPerSecond;
        Console.WriteLine($"best runs: one process {one:F0} req/s, two processes {two:F0} req/s");
        Console.WriteLine($"ratio two/one processes: {two / one:F2} (2.00 where each process has cores of its own)");
        Console.WriteLine($"two processes vs the proxy ceiling (GET /alive through it): {two / best[2].Alive.RequestsPerSecond:F2}");
        return best.Values.Any(r => r.Api.Failures > 0) ? 1 : 0;
    }

    private static string Pick(Random random, string[] repos)
    {
        var repo = repos[random.Next(repos.Length)];
        return random.Next(4) switch
        {
            0 => $"api/models/{repo}",
            1 => $"{repo}/resolve/main/config.json",
            2 => $"api/models/{repo}/tree/main",
            _ => $"api/models?search=scale&limit=20",
        };
    }

    private static async Task<string[]> SeedAsync(HttpClient client, CancellationToken ct)
    {
        var names = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            var name = $"scale-{i}-{Guid.NewGuid():N}"[..20];
            using var created = await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" }, ct);
            created.EnsureSuccessStatusCode();
            var lines = new[]
            {
                JsonSerializer.Serialize(new { key = "header", value = new { summary = "seed", description = "" } }),
                File("config.json", """{"model_type":"bert","hidden_size":384}"""),
                File("README.md", "---\nlicense: mit\npipeline_tag: feature-extraction\n---\n# scale\n"),
                File("tokenizer_config.json", "{}"),
            };
            using var commit = await client.PostAsync($"api/models/admin/{name}/commit/main",
                new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"), ct);
            commit.EnsureSuccessStatusCode();
            names.Add("admin/" + name);
        }
        return [.. names];
    }

    private static string File(string path, string content) =>
        JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } });
}
