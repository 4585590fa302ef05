using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Testing;
using Xunit.Abstractions;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Two hub processes (roles api+web) on one PostgreSQL database, one Ceph RGW bucket and one shared data directory,
/// behind a round-robin proxy, with two inference worker processes: they serve one hub together.
/// </summary>
public sealed class ScaleOutTests(TwoHubCluster fixture, ITestOutputHelper output) : IClassFixture<TwoHubCluster>
{
    private Cluster.HubCluster Cluster => fixture.Cluster;

    [Fact]
    public async Task JS_client_git_fetch_inference_and_concurrent_commits_through_two_processes_all_succeed_and_lose_nothing()
    {
        using var client = Cluster.Client(Cluster.AdminToken);
        var repo = "admin/concurrent-" + Guid.NewGuid().ToString("N")[..8];
        await HubChecks.CreateRepoAsync(client, repo.Split('/')[1]);
        var writers = new CommitWriters(client, repo);
        var embedders = new EmbeddingClients(client, fixture.Inference.Repo);
        await embedders.ReferenceAsync();
        var statsBefore = await InferenceRequestsAsync(client);
        var before = Cluster.Proxy.Served.ToArray();

        var commits = writers.RunAsync(writers: 4, commitsEach: 8, "http", CancellationToken.None);
        var conformance = RunConformanceAsync();
        var git = FetchWithGitWhileCommittingAsync(repo, commits, writers.Acknowledged);
        // Inference runs on the workers while the hubs take the conformance suite, commits and git fetches.
        var inference = embedders.RunAsync(clients: 8, until: () => commits.IsCompleted && conformance.IsCompleted && git.IsCompleted && embedders.Completed >= 64);
        await Task.WhenAll(conformance, commits, git, inference);

        Assert.Equal(32, writers.Acknowledged.Count);
        Assert.True(writers.Retries == 0, $"{writers.Retries} commits were retried although no process failed.");
        Assert.True(embedders.Failures.IsEmpty, string.Join("\n", embedders.Failures) + "\n" + fixture.Inference.Logs());
        Assert.True(embedders.Retries == 0, $"{embedders.Retries} inference requests were retried although no process failed.");
        // Every request ran on the workers, whose figures the hubs sum up (the two reference requests came before).
        Assert.True(await InferenceRequestsAsync(client) - statsBefore >= embedders.Completed, "The workers counted fewer requests than were answered.");
        Assert.All(fixture.Inference.Workers, w => Assert.False(w.HasExited, fixture.Inference.Logs()));
        Assert.True(writers.Conflicts == 0, $"{writers.Conflicts} commits were answered 412: commits to one branch should queue across processes.");
        await HubChecks.NothingLostAsync(client, repo, writers.Acknowledged);
        var served = Cluster.Proxy.Served.Select((s, i) => s - before[i]).ToArray();
        Assert.All(served, s => Assert.True(s > 50, $"Each process should have served a share of the load; served: {string.Join(", ", served)}"));
        Assert.All(Cluster.Hubs, h => Assert.False(h.HasExited, Cluster.Logs()));
        output.WriteLine($"served per process: {string.Join(", ", served)}; {embedders.Completed} embeddings");
    }

    [Fact]
    public async Task A_session_cookie_from_one_process_is_accepted_by_the_other()
    {
        using var first = Cluster.Client(baseUrl: Cluster.Hubs[0].Url);
        using var login = await first.PostAsJsonAsync("api/auth/login", new { username = "admin", password = Cluster.AdminPassword });
        Assert.True(login.StatusCode == HttpStatusCode.OK, await login.Content.ReadAsStringAsync());
        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("hub_session=", StringComparison.Ordinal)).Split(';')[0];

        using var second = Cluster.Client(baseUrl: Cluster.Hubs[1].Url);
        using var anonymous = await second.GetAsync("api/whoami-v2");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/whoami-v2") { Headers = { { "Cookie", cookie } } };
        using var me = await second.SendAsync(request);
        var body = await me.Content.ReadAsStringAsync();
        Assert.True(me.StatusCode == HttpStatusCode.OK, $"{(int)me.StatusCode} {body}");
        Assert.Equal("admin", JsonNode.Parse(body)!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task Every_process_exposes_the_hub_meters_to_Prometheus()
    {
        foreach (var hub in Cluster.Hubs)
        {
            using var client = Cluster.Client(Cluster.AdminToken, hub.Url);
            var repo = "metrics-" + Guid.NewGuid().ToString("N")[..8];
            await HubChecks.CreateRepoAsync(client, repo);
            await new CommitWriters(client, "admin/" + repo).RunAsync(writers: 1, commitsEach: 1, "m", CancellationToken.None);
            var metrics = await HubChecks.GetAsync(client, "metrics");
            Assert.Contains("hub_api_commits_total", metrics, StringComparison.Ordinal);
            Assert.Contains("hub_storage_git_command_duration_seconds_bucket", metrics, StringComparison.Ordinal);
            Assert.Contains("http_server_request_duration_seconds_bucket", metrics, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Processes_started_together_share_one_data_protection_key()
    {
        // Both started at once on an empty key directory; each would otherwise have created its own first key.
        var keys = Directory.GetFiles(Path.Combine(Cluster.DataDir, "keys"), "key-*.xml");
        Assert.Single(keys);
    }

    [Fact]
    public async Task A_signed_LFS_url_from_one_process_is_accepted_by_the_other()
    {
        using var first = Cluster.Client(Cluster.AdminToken, Cluster.Hubs[0].Url);
        var repo = "admin/signed-" + Guid.NewGuid().ToString("N")[..8];
        await HubChecks.CreateRepoAsync(first, repo.Split('/')[1]);
        var content = RandomNumberGenerator.GetBytes(4096);
        var oid = Convert.ToHexStringLower(SHA256.HashData(content));
        using var batch = await first.PostAsync($"{repo}.git/info/lfs/objects/batch", new StringContent(
            JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid, size = content.Length } } }),
            Encoding.UTF8, "application/vnd.git-lfs+json"));
        var reply = await batch.Content.ReadAsStringAsync();
        Assert.True(batch.IsSuccessStatusCode, reply);
        var actions = JsonNode.Parse(reply)!["objects"]![0]!["actions"]!;
        using (var plain = new HttpClient())
        {
            using var put = await plain.PutAsync(actions["upload"]!["href"]!.GetValue<string>(), new ByteArrayContent(content));
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }
        // The verify URL is signed by process 0 and names the public (proxy) URL; send it to process 1 itself, without
        // credentials, as a client holding only the URL would.
        var verify = new Uri(actions["verify"]!["href"]!.GetValue<string>());
        using var second = Cluster.Client(baseUrl: Cluster.Hubs[1].Url);
        using var tampered = await second.PostAsJsonAsync(verify.PathAndQuery.Replace("sig=", "sig=x", StringComparison.Ordinal), new { oid, size = content.Length });
        Assert.True(tampered.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden, $"tampered signature: {(int)tampered.StatusCode}");
        using var verified = await second.PostAsJsonAsync(verify.PathAndQuery, new { oid, size = content.Length });
        Assert.True(verified.StatusCode == HttpStatusCode.OK, $"{(int)verified.StatusCode} {await verified.Content.ReadAsStringAsync()}");
    }

    private async Task<long> InferenceRequestsAsync(HttpClient client)
    {
        var stats = JsonNode.Parse(await HubChecks.GetAsync(client, $"v2/models/{fixture.Inference.Repo.Replace("/", "--", StringComparison.Ordinal)}/stats"))!;
        return stats["requests"]!.GetValue<long>();
    }

    private async Task RunConformanceAsync()
    {
        var js = Path.Combine(RepoRoot(), "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "@huggingface", "hub")), "npm packages are missing: run ./test.sh (or npm ci in tests/js).");
        var (exit, output) = await ProcessRunner.RunAsync("node", ["conformance.mjs"], js, new Dictionary<string, string>
        {
            ["HUB_URL"] = Cluster.Url,
            ["HUB_TOKEN"] = Cluster.AdminToken,
            ["HUB_USER"] = "admin",
            ["HUB_PAGE_SIZE"] = "2",
            ["HUB_SUFFIX"] = Guid.NewGuid().ToString("N")[..8],
        });
        Assert.True(exit == 0 && output.Contains("all JS client checks passed", StringComparison.Ordinal), output + "\n" + Cluster.Logs());
    }

    /// <summary>
    /// git clones the repository the writers commit to and fetches it over and over while they do; at the end every
    /// acknowledged commit is in the history git fetched. (git push is left out: the hub's pre-receive hook is refused
    /// by the caller middleware at this commit, with one process as with two.)
    /// </summary>
    private async Task FetchWithGitWhileCommittingAsync(string repo, Task commits, IReadOnlyCollection<AcknowledgedCommit> acknowledged)
    {
        using var work = new TempDirectory("hub-deploy-git");
        var remote = new UriBuilder(Cluster.Url) { UserName = "admin", Password = Cluster.AdminToken, Path = repo }.Uri.ToString();
        await Cli.GitAsync(work.Path, "clone", "--quiet", remote, "repo");
        var dir = Path.Combine(work.Path, "repo");
        var fetches = 0;
        while (!commits.IsCompleted || fetches == 0)
        {
            await Cli.GitAsync(dir, "fetch", "--quiet", "origin");
            fetches++;
        }
        await commits;
        await Cli.GitAsync(dir, "fetch", "--quiet", "origin");
        var history = (await Cli.GitAsync(dir, "rev-list", "origin/main")).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.All(acknowledged, c => Assert.Contains(c.CommitOid, history));
        using var client = Cluster.Client(Cluster.AdminToken);
        Assert.Equal(await HubChecks.GitHeadAsync(client, repo), history[0]);
    }

    private static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Hub.sln not found above the test binaries.");
    }
}
