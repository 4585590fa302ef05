namespace Hub.Storage.Metadata.Gating;

/// <summary>Access requests to gated repositories: one per user and repository.</summary>
public interface IAccessRequestStore
{
    /// <summary>
    /// Records a request with <paramref name="status"/> when the user has none yet; an existing request is returned
    /// unchanged (asking again neither re-opens a rejected request nor withdraws an accepted one).
    /// </summary>
    Task<AccessRequestRecord> RequestAsync(string repositoryId, long userId, string status, string? fields, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The user's request for the repository, or null.</summary>
    Task<AccessRequestRecord?> GetAsync(string repositoryId, long userId, CancellationToken cancellationToken);

    /// <summary>The repository's requests in <paramref name="status"/>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<AccessRequestRecord>> ListAsync(string repositoryId, string status, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the status of the user's request. Without a request: creates one when <paramref name="createIfMissing"/>
    /// (an admin granting access directly), else returns false.
    /// </summary>
    Task<bool> SetStatusAsync(
        string repositoryId, long userId, string status, long? decidedByUserId, DateTimeOffset at, bool createIfMissing, CancellationToken cancellationToken);
}
