namespace Hub.Web.Api;

/// <summary>A page of history and the total number of commits reachable from the revision.</summary>
public sealed record CommitHistory(IReadOnlyList<CommitInfo> Commits, int TotalCount);
