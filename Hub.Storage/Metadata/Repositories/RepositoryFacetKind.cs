namespace Hub.Storage.Metadata.Repositories;

/// <summary>The facet being counted, whose own filter <see cref="RepositoryFacetFilter"/> leaves out.</summary>
internal enum RepositoryFacetKind
{
    Task,
    Library,
    License,
    Language,
    Author,
}
