namespace Hub.Api.Features.Commits;

/// <summary>A commit written: its id and, for <c>create_pr</c>, the pull request number.</summary>
public sealed record CommitOutcome(string CommitId, int? PullRequest);
