namespace Hub.Storage;

/// <summary>An S3-compatible object store (AWS S3, Ceph RGW, MinIO, Garage), section <c>Hub:Storage:S3</c>.</summary>
public sealed class S3Options
{
    /// <summary>Endpoint, e.g. <c>http://127.0.0.1:7480</c>; empty for AWS.</summary>
    public string? ServiceUrl { get; set; }

    /// <summary>The bucket; created on start when missing.</summary>
    public string Bucket { get; set; } = "hub";

    /// <summary>Access key id.</summary>
    public string? AccessKey { get; set; }

    /// <summary>Secret access key.</summary>
    public string? SecretKey { get; set; }

    /// <summary>Signing region.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>Path-style addressing (needed by Ceph RGW and MinIO on plain hosts).</summary>
    public bool ForcePathStyle { get; set; } = true;

    /// <summary>
    /// Base URL clients use to reach the store when it differs from <see cref="ServiceUrl"/> (e.g. behind a proxy);
    /// presigned URLs are issued for this host.
    /// </summary>
    public string? PublicUrl { get; set; }
}
