namespace Hub.Storage.Metadata.Repositories;

/// <summary>A list or search of repositories of one type.</summary>
/// <param name="Search">Case-insensitive substring of <c>namespace/name</c>.</param>
/// <param name="Author">Exact namespace (any case).</param>
/// <param name="Tags">Every one must be among the repository's tags.</param>
/// <param name="Cursor">Opaque position returned as <see cref="RepositoryPage.NextCursor"/> by the previous page.</param>
public sealed record RepositoryQuery(
    string Type,
    RepositoryViewer Viewer,
    string? Search = null,
    string? Author = null,
    IReadOnlyCollection<string>? Tags = null,
    string? PipelineTag = null,
    bool? Gated = null,
    RepositorySort Sort = RepositorySort.TrendingScore,
    int Limit = 100,
    string? Cursor = null);
