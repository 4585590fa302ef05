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

    public static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>("hub.api.auth.failures");
}
