namespace Hub.Api.Features.Maintenance;

/// <summary>What one repair pass did.</summary>
public sealed class RepairReport
{
    public int Checked { get; set; }

    public int LocksRemoved { get; set; }

    public List<string> Reindexed { get; } = [];

    public List<string> Failed { get; } = [];
}
