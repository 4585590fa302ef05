using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Search;

/// <summary>Download counting and trending settings (section <c>Hub:Stats</c>).</summary>
public sealed class StatsOptions
{
    public const string Section = "Hub:Stats";

    /// <summary>How often the 30-day downloads and trending scores are recomputed (by one hub process of all).</summary>
    [Range(typeof(TimeSpan), "00:01:00", "7.00:00:00")]
    public TimeSpan RecomputeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>The database lease the recompute runs under; hubs that share a database share it, so one of them runs.</summary>
    [Required, StringLength(64, MinimumLength = 1)]
    public string LeaseName { get; set; } = "stats-recompute";

    /// <summary>Turns the recompute job off in this process (other processes may still run it).</summary>
    public bool RecomputeEnabled { get; set; } = true;

    /// <summary>Dataset downloads: all files one client fetches from one dataset within this window count once.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan DatasetWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often counted downloads are written to the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan DownloadFlushInterval { get; set; } = TimeSpan.FromSeconds(5);
}
