using System.Collections.Concurrent;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Clients committing to one branch at once through the HTTP commit API, each file its own, retrying what a careful
/// client retries: a 502/503/504 or a dropped connection from the proxy (the process behind it died), and a 412 when
/// the hub gave up rebasing on a busy branch. Only commits the hub answered 200 for count as acknowledged.
/// </summary>
public sealed class CommitWriters(HttpClient client, string repo)
{
    private const int MaxAttempts = 12;
    private long retries;
    private long conflicts;

    public ConcurrentBag<AcknowledgedCommit> Acknowledged { get; } = [];

    /// <summary>Attempts that had to be repeated because the proxy or a process failed.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Attempts answered 412 (branch too busy to rebase on).</summary>
    public long Conflicts => Interlocked.Read(ref conflicts);

    public Task RunAsync(int writers, int commitsEach, string prefix, CancellationToken ct) =>
        Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(() => WriteAsync(w, commitsEach, prefix, ct), ct)));

    private async Task WriteAsync(int writer, int commits, string prefix, CancellationToken ct)
    {
        for (var i = 0; i < commits; i++)
        {
            var path = $"{prefix}/w{writer}/c{i}.txt";
            var content = $"{prefix} writer {writer} commit {i} {Guid.NewGuid():N}\n";
            Acknowledged.Add(new AcknowledgedCommit(path, content, await CommitWithRetriesAsync(path, content, ct)));
        }
    }

    private async Task<string> CommitWithRetriesAsync(string path, string content, CancellationToken ct)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var response = await client.PostAsync($"api/models/{repo}/commit/main", Body(path, content), ct);
                var text = await response.Content.ReadAsStringAsync(ct);
                if (response.StatusCode == HttpStatusCode.OK) return JsonNode.Parse(text)!["commitOid"]!.GetValue<string>();
                failures.Add($"{(int)response.StatusCode} {text}");
                if (response.StatusCode == HttpStatusCode.PreconditionFailed) Interlocked.Increment(ref conflicts);
                else if (response.StatusCode is HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) Interlocked.Increment(ref retries);
                else Assert.Fail($"Commit of {path} failed: {(int)response.StatusCode} {text}");
            }
            catch (HttpRequestException e)
            {
                failures.Add(e.Message);
                Interlocked.Increment(ref retries);
            }
            await Task.Delay(Random.Shared.Next(20, 100 * attempt), ct);
        }
        throw new InvalidOperationException($"Commit of {path} failed {MaxAttempts} times: {string.Join(" | ", failures)}");
    }

    private static StringContent Body(string path, string content)
    {
        var lines = new[]
        {
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "Add " + path, description = "" } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(Encoding.UTF8.GetBytes(content)), encoding = "base64" } }),
        };
        return new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");
    }
}
