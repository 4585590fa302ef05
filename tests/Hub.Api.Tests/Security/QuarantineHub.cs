namespace Hub.Api.Tests.Security;

/// <summary>The embedded hub in quarantine mode.</summary>
public sealed class QuarantineHub() : SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:Security:Scanning:Mode"] = "quarantine" });
