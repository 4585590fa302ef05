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

    /// <summary>Redirect LFS downloads to presigned blob-store URLs when the store has them (else stream through the hub).</summary>
    public bool RedirectDownloads { get; set; } = true;
}
