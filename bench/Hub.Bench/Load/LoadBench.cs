using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Bench.Load;

/// <summary>
/// Mixed load from this process against a hub in another process on loopback: <c>--clients</c> closed-loop clients
/// (default 500) for <c>--seconds</c> (default 60) listing/searching, reading repo info, resolving files and committing
/// small files, and calling a hosted model (MiniLM feature extraction, in the hub's in-process worker), each with the
/// token of one of <c>--users</c> users (the rate limits stay at their defaults). Prints
/// per route requests, errors (any non-2xx/3xx, by status) and p50/p99/max latency; exits 1 on any error.
/// </summary>
public static class LoadBench
{
    private static readonly (string Route, int Weight)[] Mix = [("list", 28), ("info", 28), ("resolve", 28), ("upload", 10), ("infer", 6)];

    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        var clients = Options.Number(args, "--clients", 500);
        var seconds = Options.Number(args, "--seconds", 60);
        var users = Options.Number(args, "--users", 100);
        await using var hub = await HubChild.StartAsync(new Dictionary<string, string>(), ct);
        Console.WriteLine($"hub: {hub.Kind} at {hub.Url} (separate process); {clients} clients, {users} users, {seconds} s");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients + 8, AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(hub.Url + "/"),
            Timeout = TimeSpan.FromMinutes(2),
        };
        var accounts = await SetUpAsync(http, users, ct);
        var model = await UploadModelAsync(http, accounts[0].Token, ct);
        Console.WriteLine($"set-up: {accounts.Count} users, each with a token and a repository; hosted model {model}");

        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(TimeSpan.FromSeconds(seconds));
        var clock = Stopwatch.StartNew();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(i => WorkerAsync(http, accounts[i % accounts.Count], accounts, model, i, window.Token)));
        var elapsed = clock.Elapsed.TotalSeconds;
        var merged = Mix.ToDictionary(m => m.Route, m => new RouteStats(m.Route));
        foreach (var worker in results)
            foreach (var stats in worker) merged[stats.Route].Merge(stats);
        Report(merged.Values, elapsed);
        await ReportGitAsync(http, ct);
        return merged.Values.Sum(s => s.ErrorCount) == 0 ? 0 : 1;
    }

    private sealed record Account(string Token, string Repo);

    private static async Task<List<Account>> SetUpAsync(HttpClient http, int users, CancellationToken ct)
    {
        var accounts = new List<Account>();
        var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, users).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var name = $"load{i}-{Guid.NewGuid().ToString("N")[..6]}";
                using var session = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = http.BaseAddress };
                (await session.PostAsJsonAsync("api/auth/signup", new { username = name, password = "load-test-password" }, ct)).EnsureSuccessStatusCode();
                var created = await session.PostAsJsonAsync("api/settings/tokens", new { displayName = "load", role = "write" }, ct);
                var token = JsonNode.Parse(await created.Content.ReadAsStringAsync(ct))!["token"]!.GetValue<string>();
                using var request = new HttpRequestMessage(HttpMethod.Post, "api/repos/create") { Content = JsonContent.Create(new { name = "bench-model", type = "model" }) };
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
                (await http.SendAsync(request, ct)).EnsureSuccessStatusCode();
                var repo = $"{name}/bench-model";
                var commit = Commit(repo, token, "config.json", "{\"model_type\": \"bert\", \"hidden_size\": 384}");
                (await http.SendAsync(commit, ct)).EnsureSuccessStatusCode();
                lock (accounts) accounts.Add(new Account(token, repo));
            }
            finally
            {
                gate.Release();
            }
        }));
        return accounts;
    }

    private static HttpRequestMessage Commit(string repo, string token, string path, string content)
    {
        var lines = JsonSerializer.Serialize(new { key = "header", value = new { summary = "load", description = "" } }) + "\n"
                    + JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } }) + "\n";
        var request = new HttpRequestMessage(HttpMethod.Post, $"api/models/{repo}/commit/main") { Content = new StringContent(lines, Encoding.UTF8, "application/x-ndjson") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    /// <summary>MiniLM (public, feature-extraction) uploaded by the first user; its first call loads it, before the load starts.</summary>
    private static async Task<string> UploadModelAsync(HttpClient http, string token, CancellationToken ct)
    {
        using var client = new HttpClient { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var repo = await Inference.ModelUpload.UploadAsync(client, "load-minilm",
            [("model.onnx", Hub.Testing.MiniLm.Model, true), ("vocab.txt", Hub.Testing.MiniLm.Vocab, false), ("README.md", Hub.Testing.MiniLm.Card("feature-extraction"), false)]);
        (await client.PostAsJsonAsync($"models/{repo}", new { inputs = "warm up" }, ct)).EnsureSuccessStatusCode();
        return repo;
    }

    private static async Task<RouteStats[]> WorkerAsync(HttpClient http, Account mine, List<Account> all, string model, int seed, CancellationToken stop)
    {
        var random = new Random(seed);
        var stats = Mix.ToDictionary(m => m.Route, m => new RouteStats(m.Route));
        var total = Mix.Sum(m => m.Weight);
        var n = 0;
        while (!stop.IsCancellationRequested)
        {
            var pick = random.Next(total);
            var route = Mix.First(m => (pick -= m.Weight) < 0).Route;
            var other = all[random.Next(all.Count)];
            using var request = route switch
            {
                "list" => new HttpRequestMessage(HttpMethod.Get, $"api/models?search={other.Repo.Split('/')[0]}&limit=20"),
                "info" => new HttpRequestMessage(HttpMethod.Get, $"api/models/{other.Repo}"),
                "resolve" => new HttpRequestMessage(HttpMethod.Get, $"{other.Repo}/resolve/main/config.json"),
                "infer" => new HttpRequestMessage(HttpMethod.Post, $"models/{model}") { Content = JsonContent.Create(new { inputs = $"client {seed} asks question {n++} of the hub" }) },
                _ => Commit(mine.Repo, mine.Token, $"uploads/{seed}-{n++}.txt", $"small upload {seed} {n}"),
            };
            request.Headers.Authorization ??= new AuthenticationHeaderValue("Bearer", mine.Token);
            var start = Stopwatch.GetTimestamp();
            try
            {
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                stats[route].Milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if ((int)response.StatusCode >= 400)
                    stats[route].Errors[((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)] = stats[route].Errors.GetValueOrDefault(((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)) + 1;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                stats[route].Errors[e.GetType().Name] = stats[route].Errors.GetValueOrDefault(e.GetType().Name) + 1;
            }
        }
        return [.. stats.Values];
    }

    private static void Report(IEnumerable<RouteStats> routes, double seconds)
    {
        Console.WriteLine($"{"route",-8} {"requests",9} {"req/s",8} {"errors",7} {"p50 ms",8} {"p99 ms",8} {"max ms",8}  error kinds");
        var all = new RouteStats("all");
        foreach (var r in routes)
        {
            Line(r, seconds);
            all.Merge(r);
        }
        Line(all, seconds);
    }

    /// <summary>git processes the hub started (set-up included), by command, from its Prometheus metrics.</summary>
    private static async Task ReportGitAsync(HttpClient http, CancellationToken ct)
    {
        var text = await http.GetStringAsync("metrics", ct);
        var counts = new SortedDictionary<string, double>(StringComparer.Ordinal);
        foreach (var line in text.Split('\n'))
        {
            if (!line.StartsWith("hub_storage_git_command_duration_seconds_count{", StringComparison.Ordinal)) continue;
            var command = System.Text.RegularExpressions.Regex.Match(line, "git_command=\"([^\"]*)\"").Groups[1].Value;
            counts[command] = counts.GetValueOrDefault(command) + double.Parse(line[(line.LastIndexOf(' ') + 1)..], CultureInfo.InvariantCulture);
        }
        Console.WriteLine($"git processes (set-up included): {counts.Values.Sum():F0} — {string.Join(", ", counts.Select(c => $"{c.Key} {c.Value:F0}"))}");
    }

    private static void Line(RouteStats r, double seconds) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{r.Route,-8} {r.Milliseconds.Count,9} {r.Milliseconds.Count / seconds,8:F0} {r.ErrorCount,7} {r.Percentile(0.5),8:F1} {r.Percentile(0.99),8:F1} {r.Percentile(1.0),8:F1}  {string.Join(", ", r.Errors.Select(e => $"{e.Key}x{e.Value}"))}"));
}
