using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Scanning;

/// <summary>Model security scanning (section <c>Hub:Security:Scanning</c>).</summary>
public sealed class ScanningOptions
{
    public const string Section = "Hub:Security:Scanning";

    /// <summary>
    /// What happens to commits and pushes carrying unsafe files: <c>report</c> (accepted, flagged in repo info and the
    /// file list), <c>refuse</c> (refused with 422 / a push refusal naming the files) or <c>quarantine</c> (accepted,
    /// but the unsafe files are not served until an admin releases them).
    /// </summary>
    [RegularExpression("^(report|refuse|quarantine)$")]
    public string Mode { get; set; } = "report";

    /// <summary>The most bytes read from one file (archives: in total); what lies beyond is reported as not checked.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBytesPerFile { get; set; } = 256L * 1024 * 1024;

    /// <summary>Scans running at once in this process (they read storage and parse on their own tasks).</summary>
    [Range(1, 256)]
    public int Concurrency { get; set; } = Math.Max(2, Environment.ProcessorCount);
}
