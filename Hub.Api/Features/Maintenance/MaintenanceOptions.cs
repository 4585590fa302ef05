using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Maintenance;

/// <summary>Repair and garbage collection (section <c>Hub:Maintenance</c>).</summary>
public sealed class MaintenanceOptions
{
    public const string Section = "Hub:Maintenance";

    /// <summary>Re-index every repository whose indexed head differs from git at start (a crash between ref update and index).</summary>
    public bool RepairOnStart { get; set; } = true;

    /// <summary>How often one hub process checks all repositories again (claimed through the database).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan RepairInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>git lock files older than this are left-overs of a crash and are removed by the repair.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StaleLockAge { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>LFS objects younger than this are never collected: their commit may still be on its way.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan GcGracePeriod { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Between fencing off the unreferenced objects and checking the repositories again: commits that passed their LFS
    /// check just before the fence have landed by then, and what they reference is restored.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan GcSettleDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest a collection may hold its lease; another process may start one after that.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan GcLease { get; set; } = TimeSpan.FromHours(1);
}
