namespace Hub.Storage.Metadata.Repositories;

/// <summary>A list or search of repositories of one type.</summary>
/// <param name="Search">
/// Case-insensitive substring of <c>namespace/name</c>, or every word of it a word prefix in the id and card (see
/// <see cref="SearchText"/>): a repository matching either is listed.
/// </param>
/// <param name="Author">Exact namespace (any case).</param>
/// <param name="Tags">Every one must be among the repository's tags.</param>
/// <param name="Cursor">Opaque position returned as <see cref="RepositoryPage.NextCursor"/> by the previous page.</param>
/// <param name="Library">Exact library name (<c>transformers</c>, <c>gguf</c>…).</param>
/// <param name="License">License id; matches the tag <c>license:{License}</c>.</param>
/// <param name="Language">Language code; matches the tag <c>{Language}</c> (models) or <c>language:{Language}</c> (datasets).</param>
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
    string? Cursor = null,
    string? Library = null,
    string? License = null,
    string? Language = null);
