namespace Hub.Storage.Metadata.Repositories;

/// <summary>One value of a facet and how many repositories have it.</summary>
public sealed record RepositoryFacetCount(string Value, long Count);
