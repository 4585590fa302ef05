using System.Diagnostics;
using System.Globalization;

namespace Hub.Bench.Blobs;

/// <summary>Timing of one transfer, and the line that compares it with its limit.</summary>
internal static class Measurement
{
    public static async Task<TimeSpan> TimeAsync(Func<Task> action)
    {
        var start = Stopwatch.GetTimestamp();
        await action();
        return Stopwatch.GetElapsedTime(start);
    }

    /// <summary>Runs a command (no shell unless asked for) and times it; a failing command ends the benchmark.</summary>
    public static Task<TimeSpan> TimeProcessAsync(string file, IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        TimeAsync(async () =>
        {
            using var process = Process.Start(new ProcessStartInfo(file, arguments) { RedirectStandardError = true })
                ?? throw new InvalidOperationException($"Could not start {file}.");
            var errors = process.StandardError.ReadToEndAsync(cancellationToken);
            await process.WaitForExitAsync(cancellationToken);
            if (process.ExitCode != 0)
                throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await errors}");
        });

    public static double MibPerSecond(long bytes, TimeSpan elapsed) => bytes / (1024.0 * 1024.0) / elapsed.TotalSeconds;

    /// <summary>One labelled line: store MiB/s, limit MiB/s, and store/limit.</summary>
    public static void Report(string store, string operation, long bytes, TimeSpan storeTime, string limitName, TimeSpan limitTime)
    {
        var ours = MibPerSecond(bytes, storeTime);
        var limit = MibPerSecond(bytes, limitTime);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"blobs {store,-10} {operation,-8} store {ours,8:F1} MiB/s   limit {limitName,-16} {limit,8:F1} MiB/s   ratio {ours / limit,5:F2}"));
    }

    /// <summary>Best (shortest) of <paramref name="runs"/> timings: the others are noise from a shared machine.</summary>
    public static async Task<TimeSpan> BestOfAsync(int runs, Func<Task<TimeSpan>> run)
    {
        var best = TimeSpan.MaxValue;
        for (var i = 0; i < runs; i++)
        {
            var elapsed = await run();
            if (elapsed < best)
                best = elapsed;
        }
        return best;
    }
}
