namespace Hub.Api.Tests.Security;

/// <summary>The embedded hub with an API quota of 5 requests a minute.</summary>
public sealed class TinyQuotaHub() : SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:RateLimits:Api"] = "5", ["Hub:RateLimits:Resolve"] = "1000" });
