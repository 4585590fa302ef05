namespace Hub.Storage.Metadata.Revisions;

/// <summary>
/// Index results per commit. A commit's files never change, so a row, once written, is right forever: writers insert,
/// never update, and a second writer of the same commit simply finds the row there.
/// </summary>
public interface IRevisionIndexStore
{
    /// <summary>The index of <paramref name="commitId"/> of a repository, or null when it was never indexed.</summary>
    Task<RevisionIndexRecord?> GetAsync(string repositoryId, string commitId, CancellationToken cancellationToken);

    /// <summary>Stores the index of a commit; no error (and no change) when it is already stored.</summary>
    Task PutAsync(RevisionIndexRecord record, CancellationToken cancellationToken);
}
