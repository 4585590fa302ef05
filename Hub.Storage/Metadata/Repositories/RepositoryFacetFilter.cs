using Hub.Storage.Metadata.Entities;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// The rows a facet is counted over: exactly the rows the list shows (<see cref="RepositoryListQuery.Rows"/>), with the
/// counted facet's own filter left out, so choosing a license still shows how many rows each other license has.
/// </summary>
internal static class RepositoryFacetFilter
{
    public static IQueryable<RepositoryEntity> Rows(HubDbContext db, RepositoryQuery query, RepositoryFacetKind except) =>
        RepositoryListQuery.Rows(db, except switch
        {
            RepositoryFacetKind.Author => query with { Author = null },
            RepositoryFacetKind.License => query with { License = null },
            RepositoryFacetKind.Language => query with { Language = null },
            RepositoryFacetKind.Library => query with { Library = null },
            RepositoryFacetKind.Task => query with { PipelineTag = null },
            _ => query,
        } with { Cursor = null });
}
