using Hub.Api.Features.Commits;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Scanning;

/// <summary>The security hook the commit path and the push policy call before a ref moves.</summary>
public interface IRepoScanner
{
    /// <summary>Checks the new paths and scans the files of an HTTP commit; throws <see cref="CommitRejectedException"/> (422) to refuse it.</summary>
    Task CheckCommitAsync(RepositoryRecord repo, IReadOnlyList<CommitOperation> operations, CancellationToken ct);

    /// <summary>
    /// Checks the objects a push adds (<paramref name="newObjects"/>: object id → path, read in the push's object
    /// <paramref name="environment"/>); returns the reasons to refuse it, empty when it may land.
    /// </summary>
    Task<IReadOnlyList<string>> CheckPushAsync(
        RepositoryRecord repo, string repoPath, IReadOnlyDictionary<string, string> environment, IReadOnlyDictionary<string, string> newObjects, CancellationToken ct);
}
