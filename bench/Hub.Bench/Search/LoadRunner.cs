using System.Diagnostics;

namespace Hub.Bench.Search;

/// <summary>Closed-loop load: N connections each send the next request when the last answered, for a fixed time.</summary>
public static class LoadRunner
{
    public sealed record Result(string Name, int Requests, int Failures, double P50Ms, double P99Ms, double RequestsPerSecond);

    public static Task<Result> RunAsync(string name, HttpClient client, Func<Random, string> nextPath, int connections, TimeSpan duration, CancellationToken ct) =>
        RunAsync(name, async (random, token) =>
        {
            using var response = await client.GetAsync(nextPath(random), HttpCompletionOption.ResponseContentRead, token);
            return response.IsSuccessStatusCode;
        }, connections, duration, ct);

    /// <summary>Any operation: <paramref name="send"/> returns whether it succeeded.</summary>
    public static async Task<Result> RunAsync(string name, Func<Random, CancellationToken, Task<bool>> send, int connections, TimeSpan duration, CancellationToken ct)
    {
        // Warm-up: plans cached, connections open.
        var warm = new Random(7);
        for (var i = 0; i < 20; i++)
        {
            try
            {
                await send(warm, ct);
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
            {
                // Counted in the run proper.
            }
        }

        var latencies = new List<double>[connections];
        var failures = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async c =>
        {
            var mine = latencies[c] = [];
            var random = new Random(c);
            while (clock.Elapsed < duration)
            {
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try
                {
                    ok = await send(random, ct);
                }
                catch (Exception e) when (e is HttpRequestException or OperationCanceledException or InvalidOperationException or TimeoutException or System.Data.Common.DbException)
                {
                    // A timed-out or failed request counts (with its time) as a failure; the run goes on.
                    ok = false;
                }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref failures);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        var all = latencies.SelectMany(l => l).Order().ToArray();
        return new Result(name, all.Length, failures, Percentile(all, 0.50), Percentile(all, 0.99), all.Length / elapsed);
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
