namespace Hub.Storage.Metadata.Entities;

/// <summary>An LFS upload in progress (single PUT or multipart); resumable until it expires.</summary>
internal sealed class UploadSessionEntity
{
    public required string Id { get; set; }
    public required string RepositoryId { get; set; }
    public required string Oid { get; set; }
    public long Size { get; set; }
    /// <summary>Where the client's bytes land before they are verified.</summary>
    public required string StagingKey { get; set; }
    /// <summary>The blob store's multipart upload id; null for a single PUT.</summary>
    public string? MultipartUploadId { get; set; }
    public long ChunkSize { get; set; }
    public int PartCount { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime ExpiresAt { get; set; }
}
