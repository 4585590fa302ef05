namespace Hub.Storage.Metadata.Entities;

/// <summary>
/// What the security scanner found in one file content. Keyed by content (<c>sha256:{oid}</c> for LFS objects,
/// <c>git:{blob id}</c> for files stored in git), so the same bytes are scanned once for every repository.
/// </summary>
internal sealed class FileScanEntity
{
    public required string ContentKey { get; set; }
    /// <summary><c>safe</c>, <c>caution</c>, <c>unsafe</c> or <c>quarantined</c>.</summary>
    public required string Status { get; set; }
    /// <summary>JSON list of the pickle imports found, each with its judgement.</summary>
    public string? PickleImports { get; set; }
    /// <summary>JSON list of findings in words.</summary>
    public string? Issues { get; set; }
    public int ScannerVersion { get; set; }
    public DateTime ScannedAt { get; set; }
}
