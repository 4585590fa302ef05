namespace Hub.Storage.Metadata.Audit;

/// <summary>The audit log.</summary>
public interface IAuditLog
{
    /// <summary>Appends an entry.</summary>
    Task WriteAsync(AuditEntry entry, CancellationToken cancellationToken);

    /// <summary>Entries newest first, optionally of one actor or action, before <paramref name="before"/> (paging).</summary>
    Task<IReadOnlyList<AuditEntry>> QueryAsync(long? actorUserId, string? action, DateTimeOffset? before, int limit, CancellationToken cancellationToken);
}
