namespace Hub.Storage.Metadata.Repositories;

/// <summary>Orders of repository lists (always descending, ties broken by id).</summary>
public enum RepositorySort
{
    /// <summary>Most recently modified first.</summary>
    LastModified,
    /// <summary>Newest first.</summary>
    CreatedAt,
    /// <summary>Most downloaded (30 days) first.</summary>
    Downloads,
    /// <summary>Most liked first.</summary>
    Likes,
    /// <summary>Highest trending score first.</summary>
    TrendingScore,
}
