namespace Hub.Storage.Metadata.Accounts;

/// <summary>A user (its id is also its namespace id).</summary>
public sealed record UserRecord(long Id, string Name, string? FullName, string? Email, bool IsAdmin, DateTimeOffset CreatedAt);
