namespace Hub.Storage.Metadata.Discussions;

/// <summary>A discussion or pull request of one repository.</summary>
internal sealed class DiscussionEntity
{
    public long Id { get; set; }
    public required string RepositoryId { get; set; }
    /// <summary>Per repository, shared by discussions and pull requests (pull request N is <c>refs/pr/N</c>).</summary>
    public int Number { get; set; }
    public bool IsPullRequest { get; set; }
    public required string Title { get; set; }
    /// <summary><c>open</c>, <c>closed</c>, <c>merged</c> or <c>draft</c>.</summary>
    public required string Status { get; set; }
    /// <summary>Null once the author's account is deleted.</summary>
    public long? AuthorId { get; set; }
    public DateTime CreatedAt { get; set; }
    /// <summary>Pull requests: the full ref they merge into (<c>refs/heads/main</c>).</summary>
    public string? TargetRef { get; set; }
    /// <summary>Merged pull requests: the commit the target ref moved to.</summary>
    public string? MergeCommitId { get; set; }
}
