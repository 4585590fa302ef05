namespace Hub.Api.Features.Scanning;

/// <summary>Verdicts on a file, as <c>securityFileStatus.status</c> reports them.</summary>
public static class FileScanStatus
{
    public const string Safe = "safe";
    public const string Caution = "caution";
    public const string Unsafe = "unsafe";

    /// <summary>Unsafe, accepted under <c>quarantine</c> mode: stored but not served.</summary>
    public const string Quarantined = "quarantined";

    /// <summary>Committed before scanning existed (or never reached by it).</summary>
    public const string Unscanned = "unscanned";
}
