using System.Diagnostics;
using System.Net.Http.Headers;

namespace Hub.Bench.Api;

/// <summary>A closed-loop load: <c>connections</c> workers each sending one request after another for a fixed time.</summary>
public static class Load
{
    public sealed record Result(double RequestsPerSecond, double P50, double P99, int Errors);

    public static async Task<Result> RunAsync(string url, HttpMethod method, string? token, int connections, int seconds, CancellationToken ct)
    {
        using var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        // Warm up connections and JIT before measuring.
        using (var warm = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            warm.CancelAfter(TimeSpan.FromSeconds(1));
            await Workers(client, url, method, connections, warm.Token);
        }
        using var window = CancellationTokenSource.CreateLinkedTokenSource(ct);
        window.CancelAfter(TimeSpan.FromSeconds(seconds));
        var watch = Stopwatch.StartNew();
        var (latencies, errors) = await Workers(client, url, method, connections, window.Token);
        var elapsed = watch.Elapsed.TotalSeconds;
        latencies.Sort();
        double Percentile(double p) => latencies.Count == 0 ? double.NaN : latencies[(int)Math.Min(latencies.Count - 1, p * latencies.Count)];
        return new Result(latencies.Count / elapsed, Percentile(0.5), Percentile(0.99), errors);
    }

    private static async Task<(List<double> Latencies, int Errors)> Workers(HttpClient client, string url, HttpMethod method, int connections, CancellationToken stop)
    {
        var all = new List<double>();
        var errors = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async _ =>
        {
            var mine = new List<double>();
            while (!stop.IsCancellationRequested)
            {
                var start = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await client.SendAsync(new HttpRequestMessage(method, url), HttpCompletionOption.ResponseContentRead, CancellationToken.None);
                    if (!response.IsSuccessStatusCode) Interlocked.Increment(ref errors);
                    mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                }
                catch (HttpRequestException)
                {
                    Interlocked.Increment(ref errors);
                }
            }
            lock (all) all.AddRange(mine);
        }));
        return (all, errors);
    }
}
