namespace Hub.Storage.Metadata.Lfs;

/// <summary>An LFS upload in progress. <paramref name="MultipartUploadId"/> is null for a single PUT.</summary>
public sealed record UploadSessionRecord(
    string Id,
    string RepositoryId,
    string Oid,
    long Size,
    string StagingKey,
    string? MultipartUploadId,
    long ChunkSize,
    int PartCount,
    DateTimeOffset CreatedAt,
    DateTimeOffset ExpiresAt);
