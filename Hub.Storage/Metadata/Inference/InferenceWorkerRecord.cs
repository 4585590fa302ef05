namespace Hub.Storage.Metadata.Inference;

/// <summary>An inference worker as its last heartbeat described it.</summary>
/// <param name="Id">Chosen by the worker process when it starts; unique per process.</param>
/// <param name="Url">Base URL of the worker's internal API, as the API tier reaches it.</param>
/// <param name="Provider">The ONNX Runtime execution provider (<c>CUDAExecutionProvider</c>, <c>CPUExecutionProvider</c>).</param>
/// <param name="LoadedModels"><c>ns/name@commit</c> of each model in the worker's memory.</param>
/// <param name="QueueLength">Requests waiting in the worker's batch queues.</param>
public sealed record InferenceWorkerRecord(
    string Id,
    string Url,
    string Provider,
    IReadOnlyList<string> LoadedModels,
    long MemoryBytes,
    long MemoryBudgetBytes,
    int QueueLength,
    DateTimeOffset StartedAt,
    DateTimeOffset LastHeartbeatAt);
