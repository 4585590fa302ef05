namespace Hub.Api.Tests.Discussions;

/// <summary>huggingface_hub's <c>DiscussionWithDetails</c>.</summary>
public sealed record ParsedDetails(
    ParsedDiscussion Discussion, IReadOnlyList<ParsedEvent> Events, IReadOnlyList<string>? ConflictingFiles, string? TargetBranch,
    string? MergeCommitOid, string? Diff);
