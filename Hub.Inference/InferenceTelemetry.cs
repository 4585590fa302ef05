using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Inference;

/// <summary>The ActivitySource and Meter of Hub.Inference, and its metric names. Every instrument is tagged with <c>model</c> and <c>revision</c>.</summary>
public static class InferenceTelemetry
{
    /// <summary>The name of the ActivitySource and the Meter.</summary>
    public const string Name = "Hub.Inference";

    /// <summary>Traces of model loads and batch runs.</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>The meter of the worker.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Requests answered (or failed) per model.</summary>
    public static readonly Counter<long> Requests = Meter.CreateCounter<long>("hub.inference.requests", description: "Inference requests per model and revision.");

    /// <summary>Requests refused because a model's queue was full.</summary>
    public static readonly Counter<long> Rejected = Meter.CreateCounter<long>("hub.inference.rejected", description: "Requests refused with 429 because the queue was full.");

    /// <summary>ONNX Runtime session runs.</summary>
    public static readonly Counter<long> SessionRuns = Meter.CreateCounter<long>("hub.inference.session_runs", description: "ONNX Runtime session runs.");

    /// <summary>Session runs stopped by <c>RunOptions.Terminate</c> because their callers cancelled.</summary>
    public static readonly Counter<long> TerminatedRuns = Meter.CreateCounter<long>("hub.inference.terminated_runs", description: "Session runs terminated because every caller cancelled.");

    /// <summary>Sequences per session run.</summary>
    public static readonly Histogram<int> BatchSize = Meter.CreateHistogram<int>("hub.inference.batch_size", description: "Sequences per session run.",
        advice: new InstrumentAdvice<int> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256] });

    /// <summary>Time a request waited in its model's queue.</summary>
    public static readonly Histogram<double> QueueTime = Meter.CreateHistogram<double>("hub.inference.queue_time", "ms", "Time requests wait in the batch queue.");

    /// <summary>Time of one session run.</summary>
    public static readonly Histogram<double> RunTime = Meter.CreateHistogram<double>("hub.inference.run_time", "ms", "Time of one ONNX Runtime session run.");

    /// <summary>Model loads (files fetched and session created).</summary>
    public static readonly Counter<long> Loads = Meter.CreateCounter<long>("hub.inference.loads", description: "Models loaded into a session.");

    /// <summary>Models evicted from the session cache.</summary>
    public static readonly Counter<long> Evictions = Meter.CreateCounter<long>("hub.inference.evictions", description: "Sessions evicted by the memory budget.");
}
