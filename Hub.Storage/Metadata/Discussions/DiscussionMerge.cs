namespace Hub.Storage.Metadata.Discussions;

/// <summary>A pull request merge: the commit the target ref moved to, and the target's head before it.</summary>
public sealed record DiscussionMerge(string CommitId, string BaseCommitId);
