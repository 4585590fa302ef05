namespace Hub.Storage.Metadata.Entities;

/// <summary>When a periodic job may next run, and which process claimed the last run.</summary>
internal sealed class JobLeaseEntity
{
    public required string Name { get; set; }
    public required string Holder { get; set; }
    public DateTime NextRunAt { get; set; }
}
