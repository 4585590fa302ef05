namespace Hub.Web.Api;

/// <summary>What a list page asks for: search text, author, tag filters, task, library, license, language, sort, page size and cursor.</summary>
public sealed record RepoListQuery(
    string Type,
    string? Search = null,
    string? Author = null,
    IReadOnlyList<string>? Filters = null,
    string? PipelineTag = null,
    string Sort = "trendingScore",
    int Limit = 30,
    string? Cursor = null,
    string? Library = null,
    string? License = null,
    string? Language = null);
