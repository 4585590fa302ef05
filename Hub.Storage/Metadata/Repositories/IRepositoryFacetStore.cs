namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Facet counts for the list pages: for each facet (task, library, license, language, author) the most common values
/// among the repositories a <see cref="RepositoryQuery"/> lists, counted with every filter of the query applied except
/// the facet's own (so choosing a license still shows the other licenses and their counts). Only repositories the
/// query's viewer may see are counted. Counts are reused for up to 30 seconds for the same query and viewer, so they
/// may lag changes by that much.
/// </summary>
public interface IRepositoryFacetStore
{
    /// <summary>
    /// The top <paramref name="top"/> values of each facet, most repositories first (ties by value). The query's sort,
    /// limit and cursor are ignored.
    /// </summary>
    Task<RepositoryFacets> CountAsync(RepositoryQuery query, int top, CancellationToken cancellationToken);
}
