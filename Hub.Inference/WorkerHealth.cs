namespace Hub.Inference;

/// <summary>What the worker reports: its execution provider, loaded models, their memory and queued requests.</summary>
/// <param name="Provider"><c>CUDAExecutionProvider</c> or <c>CPUExecutionProvider</c>.</param>
/// <param name="LoadedModels"><c>ns/name@commit</c> of each model in memory.</param>
public sealed record WorkerHealth(string Provider, IReadOnlyList<string> LoadedModels, long MemoryBytes, long MemoryBudgetBytes, int QueueLength);
