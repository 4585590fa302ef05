namespace Hub.Storage.Git;

/// <summary>A revision resolved to a commit.</summary>
/// <param name="CommitId">40-hex commit id.</param>
/// <param name="RefName">The full ref name when the revision named a ref, else null (a commit id).</param>
public sealed record GitResolvedRevision(string CommitId, string? RefName);
