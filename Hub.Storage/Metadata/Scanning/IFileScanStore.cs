namespace Hub.Storage.Metadata.Scanning;

/// <summary>Scan verdicts by file content.</summary>
public interface IFileScanStore
{
    /// <summary>The verdicts known for <paramref name="contentKeys"/> (absent keys were never scanned).</summary>
    Task<IReadOnlyDictionary<string, FileScanRecord>> GetManyAsync(IReadOnlyCollection<string> contentKeys, CancellationToken cancellationToken);

    /// <summary>Stores or replaces the verdict on one content.</summary>
    Task PutAsync(FileScanRecord record, CancellationToken cancellationToken);

    /// <summary>Verdicts with <paramref name="status"/>, newest first.</summary>
    Task<IReadOnlyList<FileScanRecord>> ListAsync(string status, int limit, CancellationToken cancellationToken);
}
