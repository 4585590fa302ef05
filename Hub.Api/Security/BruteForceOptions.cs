using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Security;

/// <summary>
/// Limits on guessing (section <c>Hub:Security:BruteForce</c>): failed logins and invalid tokens per client address
/// within a window. Past the limit every login, or every request carrying a token, from that address gets 429 until the
/// window ends — also with a valid token, so guessing cannot go on at full speed while a valid token probes the answers.
/// </summary>
public sealed class BruteForceOptions
{
    public const string Section = "Hub:Security:BruteForce";

    [Range(1, 1_000_000)]
    public int MaxLoginFailures { get; set; } = 10;

    [Range(1, 1_000_000)]
    public int MaxInvalidTokens { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(5);
}
