namespace Hub.Storage.Metadata.Scanning;

/// <summary>The security scanner's verdict on one file content.</summary>
/// <param name="ContentKey"><c>sha256:{oid}</c> for LFS objects, <c>git:{blob id}</c> for files stored in git.</param>
/// <param name="Status"><c>safe</c>, <c>caution</c>, <c>unsafe</c> or <c>quarantined</c>.</param>
/// <param name="PickleImports">JSON list of the pickle imports found with their judgement, or null when the file holds no pickle.</param>
/// <param name="Issues">JSON list of findings in words, or null.</param>
/// <param name="ScannerVersion">Which scanner rules produced it; a newer scanner may scan again.</param>
public sealed record FileScanRecord(string ContentKey, string Status, string? PickleImports, string? Issues, int ScannerVersion, DateTimeOffset ScannedAt);
