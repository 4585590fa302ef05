using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Bench.Git;

/// <summary>
/// git over the hub against the limits measured in the same run (issue: git and git-lfs over HTTPS):
/// (a) <c>git clone</c> of a generated history through the hub vs <c>git daemon</c> serving the same bare repository;
/// (b) <c>git lfs pull</c> of one large object through the hub vs a direct <c>curl</c> GET of its presigned S3 URL.
/// Ratios are limit time / hub time (1.0 = as fast as the limit; target ≥ 0.9). Each figure is the median of the runs,
/// hub and limit alternating.
/// </summary>
public static class GitBench
{
    public static async Task<int> RunAsync(string[] args, CancellationToken ct)
    {
        if (GitBenchOptions.Parse(args) is not { } options)
        {
            Console.WriteLine("usage: " + GitBenchOptions.Usage);
            return 2;
        }
        var work = Path.Combine(Path.GetTempPath(), "hub-bench-git-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await using var hub = await BenchHub.StartAsync(ct);
            Console.WriteLine($"hub at {hub.Url} on {(hub.Production ? "PostgreSQL + S3" : "the embedded defaults (SQLite + filesystem)")}; {options}");
            var env = await GitEnvironmentAsync(Path.Combine(work, "home"), hub.AdminToken, ct);
            Console.WriteLine($"clients: {(await Git(env, work, ct, "--version")).Trim()}, {(await Git(env, work, ct, "lfs", "version")).Trim()}");
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(hub.Url + "/"), Timeout = TimeSpan.FromHours(1) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", hub.AdminToken);
            if (options.Commits > 0) await CloneAsync(hub, http, env, work, options, ct);
            if (options.LfsMb > 0) await LfsPullAsync(hub, http, env, work, options, ct);
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task CloneAsync(BenchHub hub, HttpClient http, Dictionary<string, string> env, string work, GitBenchOptions options, CancellationToken ct)
    {
        var name = await CreateRepoAsync(http, "clone-bench", ct);
        var source = Path.Combine(work, "history");
        await Git(env, work, ct, "clone", "--quiet", $"{hub.Url}/{name}", source);
        var parent = (await Git(env, source, ct, "rev-parse", "HEAD")).Trim();
        var generate = Stopwatch.StartNew();
        await BenchProcess.RunAsync("git", ["fast-import", "--quiet"], source, env,
            stdin => HistoryGenerator.WriteAsync(stdin, options.Commits, options.HistoryMb * 1024L * 1024, parent, ct), ct);
        Console.WriteLine($"generated {options.Commits} commits in {generate.Elapsed.TotalSeconds:F1} s");
        var push = Stopwatch.StartNew();
        await Git(env, source, ct, "push", "--quiet", "origin", "main");
        Console.WriteLine($"git push of the history through the hub: {push.Elapsed.TotalSeconds:F2} s");

        var repoId = (await hub.Services.GetRequiredService<IRepositoryStore>().FindAsync("model", name, ct))!.Id;
        var bare = hub.Services.GetRequiredService<IGitRepositoryStore>().GetPath(repoId);
        var packed = Directory.EnumerateFiles(Path.Combine(bare, "objects"), "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length);
        var basePath = Path.GetDirectoryName(Path.GetDirectoryName(bare))!;
        var relative = Path.GetRelativePath(basePath, bare).Replace('\\', '/');
        await using var daemon = await GitDaemon.StartAsync(basePath, relative, env, ct);

        var hubTimes = new List<double>();
        var daemonTimes = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            // Alternate which goes first, so neither always meets a cold or a warm page cache.
            var order = run % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var throughHub in order)
            {
                var target = Path.Combine(work, "clone-" + Guid.NewGuid().ToString("N"));
                var clock = Stopwatch.StartNew();
                await Git(env, work, ct, "clone", "--quiet", throughHub ? $"{hub.Url}/{name}" : daemon.Url(relative), target);
                (throughHub ? hubTimes : daemonTimes).Add(clock.Elapsed.TotalSeconds);
                Directory.Delete(target, recursive: true);
            }
        }
        Report($"git clone ({options.Commits} commits, {packed / (1024.0 * 1024):F0} MB packed)", "git daemon", Median(hubTimes), Median(daemonTimes));
    }

    private static async Task LfsPullAsync(BenchHub hub, HttpClient http, Dictionary<string, string> env, string work, GitBenchOptions options, CancellationToken ct)
    {
        var name = await CreateRepoAsync(http, "lfs-bench", ct);
        var source = Path.Combine(work, "lfs-source");
        await Git(env, work, ct, "clone", "--quiet", $"{hub.Url}/{name}", source);
        await Git(env, source, ct, "lfs", "install", "--local");
        var size = options.LfsMb * 1024L * 1024;
        var oid = await WriteRandomAsync(Path.Combine(source, "model.safetensors"), size, ct);
        await Git(env, source, ct, "add", "model.safetensors");
        await Git(env, source, ct, "commit", "--quiet", "-m", "Add weights");
        var push = Stopwatch.StartNew();
        await Git(env, source, ct, "push", "--quiet", "origin", "main");
        Console.WriteLine($"git push with git lfs upload of {options.LfsMb} MB: {push.Elapsed.TotalSeconds:F2} s");
        Directory.Delete(source, recursive: true);

        var resolve = await http.GetAsync($"{name}/resolve/main/model.safetensors", HttpCompletionOption.ResponseHeadersRead, ct);
        var direct = resolve.Headers.Location?.OriginalString;
        var limit = direct is null ? "hub-streamed resolve GET (no presigned URL in the embedded store)" : "direct S3 GET";
        var hubTimes = new List<double>();
        var directTimes = new List<double>();
        for (var run = 0; run < options.Runs; run++)
        {
            var order = run % 2 == 0 ? new[] { true, false } : [false, true];
            foreach (var throughHub in order)
            {
                var target = Path.Combine(work, "lfs-" + Guid.NewGuid().ToString("N"));
                if (throughHub)
                {
                    await Git(env, work, ct, "clone", "--quiet", $"{hub.Url}/{name}", target);
                    await Git(env, target, ct, "lfs", "install", "--local");
                    var clock = Stopwatch.StartNew();
                    await Git(env, target, ct, "lfs", "pull");
                    hubTimes.Add(clock.Elapsed.TotalSeconds);
                    Directory.Delete(target, recursive: true);
                }
                else
                {
                    string[] curl = direct is null
                        ? ["-sS", "-f", "-H", "Authorization: Bearer " + hub.AdminToken, "-o", target, $"{hub.Url}/{name}/resolve/main/model.safetensors"]
                        : ["-sS", "-f", "-o", target, direct];
                    var clock = Stopwatch.StartNew();
                    await BenchProcess.RunAsync("curl", curl, work, ct: ct);
                    directTimes.Add(clock.Elapsed.TotalSeconds);
                    File.Delete(target);
                }
            }
        }
        Report($"git lfs pull ({options.LfsMb} MB)", limit, Median(hubTimes), Median(directTimes));

        // Where a pull's time goes (client side, once): the download (batch request to the hub, GET from the store, sha256
        // check) and the checkout (copying the object into the working tree).
        var split = Path.Combine(work, "lfs-split");
        await Git(env, work, ct, "clone", "--quiet", $"{hub.Url}/{name}", split);
        await Git(env, split, ct, "lfs", "install", "--local");
        var fetch = Stopwatch.StartNew();
        await Git(env, split, ct, "lfs", "fetch");
        var fetched = fetch.Elapsed.TotalSeconds;
        var checkout = Stopwatch.StartNew();
        await Git(env, split, ct, "lfs", "checkout");
        var checkedOut = checkout.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  of which: git lfs fetch {fetched:F2} s (ratio {Median(directTimes) / fetched:F2}), git lfs checkout {checkedOut:F2} s"));
        // The client's own work, with no network and no hub: one git-lfs pass over the object (sha256 and a copy into
        // .git/lfs, what fetch does to every byte it downloads and checkout does again through git's clean filter).
        var file = Path.Combine(split, "model.safetensors");
        var pass = Stopwatch.StartNew();
        await BenchProcess.RunAsync("git", ["lfs", "clean", "model.safetensors"], split, env, async stdin =>
        {
            await using var source = File.OpenRead(file);
            await source.CopyToAsync(stdin, ct);
        }, ct);
        var direct1 = Median(directTimes);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  client floor: one git-lfs pass over the object (git lfs clean, no network) {pass.Elapsed.TotalSeconds:F2} s; since a pull is a fetch (a download at best as fast as the direct GET)"
            + $" plus a checkout, this client allows at most ratio {direct1 / (direct1 + checkedOut):F2} whatever the server does"));
        Directory.Delete(split, recursive: true);
        var batch = await BatchLatencyAsync(http, name, oid, size, ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  the hub's part, the download batch request: {batch * 1000:F1} ms"));
    }

    /// <summary>Median time of the download batch request git-lfs makes before it fetches from the store.</summary>
    private static async Task<double> BatchLatencyAsync(HttpClient http, string name, string oid, long size, CancellationToken ct)
    {
        var times = new List<double>();
        for (var i = 0; i < 11; i++)
        {
            using var body = new StringContent(
                JsonSerializer.Serialize(new { operation = "download", transfers = new[] { "basic" }, objects = new[] { new { oid, size } } }),
                System.Text.Encoding.UTF8, "application/vnd.git-lfs+json");
            var clock = Stopwatch.StartNew();
            using var response = await http.PostAsync($"{name}.git/info/lfs/objects/batch", body, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            times.Add(clock.Elapsed.TotalSeconds);
            response.EnsureSuccessStatusCode();
        }
        return Median(times);
    }

    private static void Report(string what, string limitName, double hub, double limit) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what}: hub {hub:F2} s, {limitName} {limit:F2} s -> ratio {limit / hub:F2} (target >= 0.9)"));

    private static double Median(List<double> values)
    {
        values.Sort();
        return values.Count % 2 == 1 ? values[values.Count / 2] : (values[values.Count / 2 - 1] + values[values.Count / 2]) / 2;
    }

    private static Task<string> Git(Dictionary<string, string> env, string cwd, CancellationToken ct, params string[] args) =>
        BenchProcess.RunAsync("git", args, cwd, env, ct: ct);

    /// <summary>git as a CI job runs it: its own HOME, no system config, no prompts, the token from a credential helper.</summary>
    private static async Task<Dictionary<string, string>> GitEnvironmentAsync(string home, string token, CancellationToken ct)
    {
        Directory.CreateDirectory(home);
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["XDG_CONFIG_HOME"] = Path.Combine(home, ".config"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_TERMINAL_PROMPT"] = "0",
        };
        await Git(env, home, ct, "config", "--global", "user.name", "Bench");
        await Git(env, home, ct, "config", "--global", "user.email", "bench@example.com");
        await Git(env, home, ct, "config", "--global", "credential.helper", $"!f() {{ echo username=hf_user; echo password={token}; }}; f");
        return env;
    }

    private static async Task<string> CreateRepoAsync(HttpClient http, string prefix, CancellationToken ct)
    {
        var response = await http.PostAsJsonAsync("api/repos/create", new { name = prefix + "-" + Guid.NewGuid().ToString("N")[..8], type = "model" }, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"Creating the repository failed: {body}");
        return JsonNode.Parse(body)!["name"]!.GetValue<string>();
    }

    /// <summary>Writes random bytes; returns their sha256 (the LFS oid).</summary>
    private static async Task<string> WriteRandomAsync(string path, long size, CancellationToken ct)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 20];
        await using var file = File.Create(path);
        for (long written = 0; written < size; written += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, size - written);
            RandomNumberGenerator.Fill(buffer.AsSpan(0, count));
            sha.AppendData(buffer, 0, count);
            await file.WriteAsync(buffer.AsMemory(0, count), ct);
        }
        return Convert.ToHexStringLower(sha.GetHashAndReset());
    }
}
