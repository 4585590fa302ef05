using System.Globalization;

namespace Hub.Bench.Api;

/// <summary>
/// Busy CPU time of the whole machine (all processes: this one, the store, the database, the kernel), from
/// <c>/proc/stat</c>; zero where there is none. On a machine the store itself keeps busy, what an upload path costs
/// beyond the direct PUT shows here, and with it how fast any path doing that work could be.
/// </summary>
internal static class MachineCpu
{
    private const double TicksPerSecond = 100; // USER_HZ on Linux

    /// <summary>The machine's cores (not only those this process may run on).</summary>
    public static int Cores { get; } = File.Exists("/proc/stat")
        ? File.ReadLines("/proc/stat").Count(l => l.StartsWith("cpu", StringComparison.Ordinal) && char.IsAsciiDigit(l[3]))
        : Environment.ProcessorCount;

    /// <summary>This process is kept to fewer cores than the machine has (taskset): it does not share all of them with the store.</summary>
    public static bool Pinned => Environment.ProcessorCount < Cores;

    /// <summary>Busy core-seconds since boot (user, nice, system, irq, softirq, steal).</summary>
    public static double BusySeconds()
    {
        if (!File.Exists("/proc/stat")) return 0;
        var fields = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long Field(int i) => long.Parse(fields[i], CultureInfo.InvariantCulture);
        return (Field(1) + Field(2) + Field(3) + Field(6) + Field(7) + Field(8)) / TicksPerSecond;
    }

    public static async Task<(TimeSpan Elapsed, double Busy)> MeasureAsync(Func<Task> action)
    {
        var busy = BusySeconds();
        var watch = System.Diagnostics.Stopwatch.StartNew();
        await action();
        return (watch.Elapsed, BusySeconds() - busy);
    }
}
