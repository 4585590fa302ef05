namespace Hub.Web.Api;

/// <summary>One page of a repository list and the cursor of the next (null on the last page).</summary>
public sealed record RepoListPage(IReadOnlyList<RepoSummary> Items, string? NextCursor);
