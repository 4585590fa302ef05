namespace Hub.Storage.Metadata.Inference;

/// <summary>
/// The registry of inference workers (table <c>inference_workers</c>): each worker process writes its own row on every
/// heartbeat; the API tier reads the rows whose heartbeat is recent to route requests.
/// </summary>
public interface IInferenceWorkerStore
{
    /// <summary>Writes the worker's row (inserted on the first heartbeat, replaced on later ones).</summary>
    Task HeartbeatAsync(InferenceWorkerRecord worker, CancellationToken cancellationToken);

    /// <summary>Workers whose last heartbeat is at or after <paramref name="since"/>, by id.</summary>
    Task<IReadOnlyList<InferenceWorkerRecord>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>Removes the worker's row (a worker that stops cleanly); false when there was none.</summary>
    Task<bool> RemoveAsync(string id, CancellationToken cancellationToken);

    /// <summary>Removes rows whose last heartbeat is before <paramref name="before"/> (workers that died); returns how many.</summary>
    Task<int> RemoveStaleAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
