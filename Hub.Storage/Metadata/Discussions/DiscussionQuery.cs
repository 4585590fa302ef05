namespace Hub.Storage.Metadata.Discussions;

/// <summary>A page of one repository's discussions, newest first.</summary>
/// <param name="PullRequests">True: only pull requests; false: only discussions; null: both.</param>
/// <param name="Statuses">Only these statuses; null: all.</param>
/// <param name="AuthorId">Only this author's; null: everyone's.</param>
public sealed record DiscussionQuery(
    string RepositoryId, bool? PullRequests, IReadOnlyCollection<string>? Statuses, long? AuthorId, int Skip, int Take);
