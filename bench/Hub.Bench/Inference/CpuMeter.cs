using System.Diagnostics;

namespace Hub.Bench.Inference;

/// <summary>
/// Items per second of one measurement and the CPU time this process spent per item meanwhile (all its threads: for
/// REST that is client, server and ONNX Runtime together). CPU per item is what the work itself costs, and moves far
/// less than throughput when other programs take the shared cores.
/// </summary>
internal readonly record struct CpuMeter(double PerSecond, double CpuMsPerItem)
{
    public static CpuMeter Measure(int items, Action work)
    {
        var (cpu, started) = Start();
        work();
        return Stop(items, cpu, started);
    }

    public static async Task<CpuMeter> MeasureAsync(int items, Func<Task> work)
    {
        var (cpu, started) = Start();
        await work();
        return Stop(items, cpu, started);
    }

    private static (TimeSpan Cpu, long Started) Start()
    {
        using var process = Process.GetCurrentProcess();
        return (process.TotalProcessorTime, Stopwatch.GetTimestamp());
    }

    private static CpuMeter Stop(int items, TimeSpan cpu, long started)
    {
        var elapsed = Stopwatch.GetElapsedTime(started);
        using var process = Process.GetCurrentProcess();
        return new CpuMeter(items / elapsed.TotalSeconds, (process.TotalProcessorTime - cpu).TotalMilliseconds / items);
    }
}
