using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;
using Npgsql;

namespace Hub.Reliability.Tests;

/// <summary>
/// kill -9 of the hub at random moments during concurrent commits and pushes, then a restart, several rounds: every
/// commit the hub acknowledged is in its branch, every repository passes <c>git fsck --strict</c>, and the index
/// (PostgreSQL) agrees with git once the start-up repair has run.
/// </summary>
public sealed class CrashTests(Xunit.Abstractions.ITestOutputHelper output) : IAsyncLifetime
{
    private const int Rounds = 20;
    private const int CommitsPerRound = 200;
    private const int Repositories = 4;

    private readonly TempDirectory data = new("hub-crash");
    private readonly string database = $"hub_crash_{Guid.NewGuid():N}";
    private readonly string token = "hf_" + Guid.NewGuid().ToString("N");
    private Dictionary<string, string> settings = [];

    public async Task InitializeAsync()
    {
        var admin = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString);
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {database}", connection);
            await create.ExecuteNonQueryAsync();
        }
        admin.Database = database;
        settings = new()
        {
            ["Hub:DataDir"] = data.Path,
            ["Hub:Bootstrap:AdminToken"] = token,
            ["Hub:Database:Provider"] = "postgres",
            ["ConnectionStrings:Hub"] = admin.ConnectionString,
            ["Hub:Maintenance:StaleLockAge"] = "00:00:01",
            ["Hub:RateLimits:Enabled"] = "false",
        };
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(TestServices.PostgresConnectionString);
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
        data.Dispose();
    }

    [Fact]
    public async Task Acknowledged_commits_survive_kill_9_and_repositories_stay_consistent()
    {
        var random = new Random(8);
        var acknowledged = new List<(string Repo, string Commit, string Path)>();
        var repos = new List<string>();
        var killedInFlight = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var hub = await HubProcess.StartAsync(settings);
            using var client = Client(hub.Url);
            if (round == 0)
            {
                for (var r = 0; r < Repositories; r++)
                    repos.Add(await HubApi.CreateRepoAsync(client, $"crash-{r}-{Guid.NewGuid():N}"[..20]));
            }
            else
            {
                await VerifyAsync(hub, client, repos, acknowledged);
            }
            var round1 = round;
            var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var work = Enumerable.Range(0, CommitsPerRound).Select(i => Task.Run(async () =>
            {
                var repo = repos[i % repos.Count];
                var path = $"round{round1}/commit{i}.txt";
                try
                {
                    var response = await HubApi.CommitAsync(client, repo, $"round {round1} commit {i}", [HubApi.File(path, Encoding.UTF8.GetBytes($"{round1}/{i}"))]);
                    if (response.StatusCode != HttpStatusCode.OK) return null;
                    var oid = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["commitOid"]!.GetValue<string>();
                    firstAck.TrySetResult();
                    return ((string Repo, string Commit, string Path)?)(repo, oid, path);
                }
                catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException)
                {
                    Interlocked.Increment(ref killedInFlight);
                    return null;
                }
            })).ToList();
            var pushes = Task.Run(() => PushAsync(hub.Url, repos[round % repos.Count], round));
            // The kill lands at a random moment of the load, counted from the first acknowledged commit of the round
            // so that a slow machine still has writes in flight and acknowledged ones to lose.
            await Task.WhenAny(firstAck.Task, Task.WhenAll(work), Task.Delay(TimeSpan.FromMinutes(2)));
            await Task.Delay(random.Next(0, 2000));
            hub.KillHard();
            foreach (var done in await Task.WhenAll(work))
                if (done is { } ack) acknowledged.Add(ack);
            if (await pushes is { } pushed) acknowledged.Add(pushed);
            await hub.DisposeAsync();
        }
        var last = await HubProcess.StartAsync(settings);
        await using (last)
        {
            using var client = Client(last.Url);
            await VerifyAsync(last, client, repos, acknowledged);
            // Still writable after all that.
            foreach (var repo in repos) await HubApi.CommitOkAsync(client, repo, "after the crashes", HubApi.File("after.txt", "ok"u8.ToArray()));
        }
        output.WriteLine($"{Rounds} rounds: {acknowledged.Count} writes acknowledged and found again, {killedInFlight} requests cut by kill -9");
        Assert.True(acknowledged.Count > 0, "no commit was acknowledged before the kills");
        Assert.True(killedInFlight > 0 || acknowledged.Count < Rounds * CommitsPerRound, "the kills never interrupted anything");
    }

    private HttpClient Client(string url)
    {
        var client = new HttpClient { BaseAddress = new Uri(url + "/"), Timeout = TimeSpan.FromMinutes(1) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A git push of one commit; the acknowledged commit when git reported success.</summary>
    private async Task<(string, string, string)?> PushAsync(string url, string repo, int round)
    {
        using var work = new TempDirectory("crash-push");
        var remote = url.Replace("http://", $"http://admin:{token}@", StringComparison.Ordinal) + "/" + repo;
        async Task<(int Exit, string Output)> Git(params string[] args) =>
            await ProcessRunner.RunAsync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", "-C", work.Path, .. args], work.Path, timeout: TimeSpan.FromMinutes(1));
        if ((await Git("clone", remote, "r")).Exit != 0) return null;
        var path = $"push{round}.txt";
        await File.WriteAllTextAsync(Path.Combine(work.Path, "r", path), $"pushed in round {round}");
        await Git("-C", "r", "add", path);
        await Git("-C", "r", "commit", "-m", $"push {round}");
        var (_, head) = await Git("-C", "r", "rev-parse", "HEAD");
        return (await Git("-C", "r", "push", "origin", "main")).Exit == 0 ? (repo, head.Trim(), path) : null;
    }

    private async Task VerifyAsync(HubProcess hub, HttpClient client, List<string> repos, List<(string Repo, string Commit, string Path)> acknowledged)
    {
        var ids = new Dictionary<string, string>();
        foreach (var repo in repos)
        {
            var info = JsonNode.Parse(await client.GetStringAsync($"api/models/{repo}"))!;
            ids[repo] = info["_id"]!.GetValue<string>();
        }
        foreach (var (repo, commit, path) in acknowledged)
        {
            var dir = RepoDir(ids[repo]);
            var (ancestor, output) = await ProcessRunner.RunAsync("git", ["merge-base", "--is-ancestor", commit, "refs/heads/main"], dir);
            Assert.True(ancestor == 0, $"acknowledged commit {commit} of {repo} is not in main: {output}\n{hub.Log}");
            Assert.Equal(0, (await ProcessRunner.RunAsync("git", ["cat-file", "-e", $"refs/heads/main:{path}"], dir)).ExitCode);
        }
        foreach (var repo in repos)
        {
            var (fsck, output) = await ProcessRunner.RunAsync("git", ["fsck", "--strict", "--no-dangling", "--no-progress"], RepoDir(ids[repo]));
            Assert.True(fsck == 0, $"{repo}: {output}");
        }
        // The start-up repair brings the index in line with git (it runs in the background: give it time).
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var mismatches = new List<string>();
            foreach (var repo in repos)
            {
                var (_, head) = await ProcessRunner.RunAsync("git", ["rev-parse", "refs/heads/main"], RepoDir(ids[repo]));
                var indexed = await IndexedHeadAsync(ids[repo]);
                if (head.Trim() != indexed) mismatches.Add($"{repo}: git {head.Trim()} index {indexed}");
            }
            if (mismatches.Count == 0) return;
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(60), "index differs from git: " + string.Join("; ", mismatches) + "\n" + hub.Log);
            await Task.Delay(500);
        }
    }

    private string RepoDir(string id) => Path.Combine(data.Path, "repos", id[..2], id + ".git");

    private async Task<string?> IndexedHeadAsync(string id)
    {
        await using var connection = new NpgsqlConnection(settings["ConnectionStrings:Hub"]);
        await connection.OpenAsync();
        await using var query = new NpgsqlCommand("SELECT head_commit FROM repositories WHERE id = @id", connection);
        query.Parameters.AddWithValue("id", id);
        return await query.ExecuteScalarAsync() as string;
    }
}
