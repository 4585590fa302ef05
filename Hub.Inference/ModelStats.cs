namespace Hub.Inference;

/// <summary>
/// Running figures of one model at one revision, kept beside the OpenTelemetry instruments so that the worker can
/// answer <c>/stats</c> and report p50/p99 without a metrics backend. Percentiles come from the last 4096 samples.
/// </summary>
public sealed class ModelStats
{
    private const int Window = 4096;
    private readonly Lock gate = new();
    private readonly double[] queueMs = new double[Window];
    private readonly double[] runMs = new double[Window];
    private readonly long[] batchSizes = new long[10];
    private long requests;
    private long sessionRuns;
    private long rejected;
    private long queueSamples;
    private long runSamples;
    private long activeRuns;
    private long terminatedRuns;
    private long loads;
    private long evictions;

    internal void RecordRequest()
    {
        lock (gate) requests++;
    }

    internal void RecordRejected()
    {
        lock (gate) rejected++;
    }

    internal void RecordQueueTime(double ms)
    {
        lock (gate) queueMs[queueSamples++ % Window] = ms;
    }

    internal void RecordLoad() => Interlocked.Increment(ref loads);

    internal void RecordEviction() => Interlocked.Increment(ref evictions);

    internal void RecordRunStarted() => Interlocked.Increment(ref activeRuns);

    internal void RecordRunEnded() => Interlocked.Decrement(ref activeRuns);

    internal void RecordTerminated() => Interlocked.Increment(ref terminatedRuns);

    internal void RecordRun(int batchSize, double ms)
    {
        lock (gate)
        {
            sessionRuns++;
            runMs[runSamples++ % Window] = ms;
            batchSizes[Math.Min(batchSizes.Length - 1, (int)Math.Ceiling(Math.Log2(Math.Max(1, batchSize))))]++;
        }
    }

    /// <summary>A consistent copy of the figures.</summary>
    public ModelStatsSnapshot Snapshot()
    {
        lock (gate)
        {
            var histogram = new Dictionary<string, long>();
            for (var i = 0; i < batchSizes.Length; i++)
                if (batchSizes[i] > 0) histogram[i == batchSizes.Length - 1 ? $">{1 << (i - 1)}" : $"<={1 << i}"] = batchSizes[i];
            return new ModelStatsSnapshot(requests, sessionRuns, rejected, Interlocked.Read(ref activeRuns), Interlocked.Read(ref terminatedRuns),
                Interlocked.Read(ref loads), Interlocked.Read(ref evictions), histogram,
                Percentile(queueMs, queueSamples, 0.5), Percentile(queueMs, queueSamples, 0.99),
                Percentile(runMs, runSamples, 0.5), Percentile(runMs, runSamples, 0.99));
        }
    }

    private static double Percentile(double[] samples, long count, double p)
    {
        var n = (int)Math.Min(count, samples.Length);
        if (n == 0) return 0;
        var sorted = samples[..n];
        Array.Sort(sorted);
        return sorted[Math.Min(n - 1, (int)Math.Floor(p * n))];
    }
}
