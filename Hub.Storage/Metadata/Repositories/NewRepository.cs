namespace Hub.Storage.Metadata.Repositories;

/// <summary>A repository to create.</summary>
public sealed record NewRepository(string Type, long NamespaceId, string Name, bool Private, string Gated, string? Sdk, DateTimeOffset CreatedAt);
