namespace Hub.Storage.Metadata.Entities;

/// <summary>One security-relevant action.</summary>
internal sealed class AuditEntryEntity
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public long? ActorUserId { get; set; }
    public required string Action { get; set; }
    public string? Target { get; set; }
    public string? Details { get; set; }
    public string? RemoteAddress { get; set; }
}
