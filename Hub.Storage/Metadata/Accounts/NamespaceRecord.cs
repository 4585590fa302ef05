namespace Hub.Storage.Metadata.Accounts;

/// <summary>A user's or organization's name.</summary>
public sealed record NamespaceRecord(long Id, string Name, NamespaceType Type, string? FullName, DateTimeOffset CreatedAt);
