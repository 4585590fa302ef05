using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Api.Telemetry;

/// <summary>The ActivitySource and Meter of Hub.Api, and its metric names.</summary>
public static class ApiTelemetry
{
    public const string Name = "Hub.Api";

    public static readonly ActivitySource ActivitySource = new(Name);

    public static readonly Meter Meter = new(Name);

    public static readonly Counter<long> Downloads = Meter.CreateCounter<long>("hub.api.downloads", description: "Files served by resolve/raw.");

    public static readonly Counter<long> Commits = Meter.CreateCounter<long>("hub.api.commits", description: "Commits written through the HTTP API.");

    public static readonly Counter<long> LfsBytesUploaded = Meter.CreateCounter<long>("hub.api.lfs.bytes_uploaded", "By");

    /// <summary>Multipart completions, tagged with how the sha256 was checked (<see cref="VerificationTag"/>) and whether it matched.</summary>
    public static readonly Counter<long> LfsUploadVerifications = Meter.CreateCounter<long>("hub.api.lfs.upload_verifications",
        description: "LFS multipart completions by how the sha256 was checked: inline (hashed as the parts streamed through the hub) or reread (the object read back).");

    public const string VerificationTag = "hub.lfs.verification";

    public const string MatchedTag = "hub.lfs.matched";

    public const string OidTag = "hub.lfs.oid";

    public const string InlineVerification = "inline";

    public const string RereadVerification = "reread";

    public static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>("hub.api.auth.failures");
}
