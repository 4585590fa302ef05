namespace Hub.Storage.Metadata.Audit;

/// <summary>One security-relevant action (login, token use or creation, visibility change, delete, push…).</summary>
public sealed record AuditEntry(DateTimeOffset At, long? ActorUserId, string Action, string? Target, string? Details, string? RemoteAddress);
