namespace Hub.Storage.Blobs;

/// <summary>A store with set-up work (directories, the bucket) that the host runs once at start.</summary>
internal interface IInitializableBlobStore
{
    /// <summary>Idempotent; the stores also do it lazily, so callers that never run it still work.</summary>
    Task InitializeAsync(CancellationToken cancellationToken);
}
