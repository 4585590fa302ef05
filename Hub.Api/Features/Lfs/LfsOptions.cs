using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Lfs;

/// <summary>Large-file transfer settings (section <c>Hub:Lfs</c>).</summary>
public sealed class LfsOptions
{
    public const string Section = "Hub:Lfs";

    /// <summary>Objects at least this large use multipart when the client offers it.</summary>
    [Range(5L * 1024 * 1024, long.MaxValue)]
    public long MultipartThreshold { get; set; } = 64L * 1024 * 1024;

    /// <summary>Part size of multipart uploads (S3 needs at least 5 MiB for every part but the last).</summary>
    [Range(5L * 1024 * 1024, 5L * 1024 * 1024 * 1024)]
    public long ChunkSize { get; set; } = 32L * 1024 * 1024;

    /// <summary>Largest object accepted.</summary>
    public long MaxObjectSize { get; set; } = 500L * 1024 * 1024 * 1024;

    /// <summary>How long an unfinished upload may be resumed before it is reclaimed.</summary>
    public TimeSpan UploadSessionLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Lifetime of signed and presigned URLs handed to clients.</summary>
    public TimeSpan UrlLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Hand out hub URLs for uploads (multipart parts and whole-object PUTs) even when the blob store has presigned URLs:
    /// the hub streams the bytes on to the store and hashes them on the way, so completing a multipart upload needs no
    /// re-read of the object, and clients need not reach the store. False: clients PUT straight to presigned store URLs
    /// and completion reads the object back to check its sha256 (the store has no whole-object SHA-256 of its own).
    /// </summary>
    public bool UploadThroughHub { get; set; } = true;

    /// <summary>
    /// Bytes of parts that arrived ahead of their turn that one hub process keeps in memory until they can be hashed in
    /// order (parts sent in parallel wait for the one before them); past it they go to files (<see cref="InlineHashSpillLimit"/>).
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineHashMemoryLimit { get; set; } = 256L * 1024 * 1024;

    /// <summary>
    /// Bytes of such parts that one hub process keeps in files under <c>{DataDir}/temp</c> once the memory budget is
    /// taken. Past it an upload's inline hash is dropped and its completion re-reads the object.
    /// </summary>
    [Range(0, long.MaxValue)]
    public long InlineHashSpillLimit { get; set; } = 2L * 1024 * 1024 * 1024;

    /// <summary>Redirect LFS downloads to presigned blob-store URLs when the store has them (else stream through the hub).</summary>
    public bool RedirectDownloads { get; set; } = true;
}
