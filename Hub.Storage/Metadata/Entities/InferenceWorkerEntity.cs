namespace Hub.Storage.Metadata.Entities;

/// <summary>An inference worker process as its last heartbeat described it.</summary>
internal sealed class InferenceWorkerEntity
{
    public required string Id { get; set; }
    public required string Url { get; set; }
    public required string Provider { get; set; }

    /// <summary><c>ns/name@commit</c> of each loaded model, one per line.</summary>
    public required string LoadedModels { get; set; }
    public long MemoryBytes { get; set; }
    public long MemoryBudgetBytes { get; set; }
    public int QueueLength { get; set; }
    public DateTime StartedAt { get; set; }
    public DateTime LastHeartbeatAt { get; set; }
}
