namespace Hub.Inference;

/// <summary>Figures of one model at one revision.</summary>
/// <param name="Requests">Requests answered or failed.</param>
/// <param name="SessionRuns">ONNX Runtime session runs.</param>
/// <param name="Rejected">Requests refused because the queue was full.</param>
/// <param name="ActiveRuns">Session runs in progress now.</param>
/// <param name="TerminatedRuns">Session runs stopped because every caller of the run cancelled.</param>
/// <param name="Loads">Times the model was loaded into a session here.</param>
/// <param name="Evictions">Times the memory budget evicted it.</param>
/// <param name="BatchSizes">Session runs by batch size bucket (<c>&lt;=1</c>, <c>&lt;=2</c>, <c>&lt;=4</c>…).</param>
public sealed record ModelStatsSnapshot(
    long Requests,
    long SessionRuns,
    long Rejected,
    long ActiveRuns,
    long TerminatedRuns,
    long Loads,
    long Evictions,
    IReadOnlyDictionary<string, long> BatchSizes,
    double QueueMsP50,
    double QueueMsP99,
    double RunMsP50,
    double RunMsP99);
