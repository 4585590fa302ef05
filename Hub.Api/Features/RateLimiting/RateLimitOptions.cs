using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.RateLimiting;

/// <summary>
/// Request quotas per token (or per client address without one) and fixed window (section <c>Hub:RateLimits</c>), one
/// bucket per kind of route: <c>api</c> (<c>/api/…</c>), <c>resolve</c> (file downloads) and <c>inference</c>. The
/// defaults are generous — they stop a runaway client, not a busy CI — and every limited response says where the
/// caller stands (<c>RateLimit</c>, <c>RateLimit-Policy</c>).
/// </summary>
public sealed class RateLimitOptions
{
    public const string Section = "Hub:RateLimits";

    public bool Enabled { get; set; } = true;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, int.MaxValue)]
    public int Api { get; set; } = 6_000;

    [Range(1, int.MaxValue)]
    public int Resolve { get; set; } = 60_000;

    [Range(1, int.MaxValue)]
    public int Inference { get; set; } = 6_000;
}
