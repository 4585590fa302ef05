using System.Diagnostics.Metrics;
using Hub.Api.Telemetry;

namespace Hub.Api.Security;

/// <summary>Security and reliability metrics, on the <c>Hub.Api</c> meter.</summary>
public static class SecurityTelemetry
{
    public static readonly Counter<long> RateLimited = ApiTelemetry.Meter.CreateCounter<long>("hub.api.rate_limited", description: "Requests refused with 429 by the rate limits.");

    public static readonly Counter<long> Unavailable = ApiTelemetry.Meter.CreateCounter<long>("hub.api.unavailable", description: "Requests answered 503 because the database or the blob store was unreachable.");

    public static readonly Counter<long> FilesScanned = ApiTelemetry.Meter.CreateCounter<long>("hub.api.scan.files", description: "Files scanned for unsafe content, by status.");
}
