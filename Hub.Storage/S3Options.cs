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

    /// <summary>
    /// Whether the store sets a CORS rule on the bucket at start-up, so that browsers can PUT, GET and HEAD presigned
    /// URLs (uploads from the web UI go straight to the bucket) and read the ETag of each uploaded part. Default on;
    /// turn it off where the bucket's CORS rules are managed elsewhere.
    /// </summary>
    public bool ConfigureCors { get; set; } = true;

    /// <summary>
    /// The origins that rule allows. Empty: the hub's public origin (<c>Hub:PublicBaseUrl</c>), or any origin (<c>*</c>)
    /// when that is not set either (a presigned URL is itself the credential; CORS only decides which pages may use it).
    /// </summary>
    public string[] CorsOrigins { get; set; } = [];
}
