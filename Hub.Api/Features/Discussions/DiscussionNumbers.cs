using Hub.Storage.Git;
using Hub.Storage.Metadata.Discussions;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// The one number sequence of a repository's discussions and pull requests. Pull request N is <c>refs/pr/N</c>, and such
/// a ref may also arrive by a git push, so the next number is past both the stored discussions and the refs. Callers
/// hold the <see cref="LockName"/> cluster lock while they take a number and create what it numbers.
/// </summary>
public sealed class DiscussionNumbers(IDiscussionStore store, IGitRepositoryStore git)
{
    /// <summary>The cluster lock under which numbers are taken (shared with <c>create_pr</c> commits).</summary>
    public static string LockName(string repoId) => $"pr:{repoId}";

    public async Task<int> NextAsync(string repoId, CancellationToken ct)
    {
        var refs = await git.ListRefsAsync(repoId, ct);
        var fromRefs = refs.Select(r => r.Name.StartsWith("refs/pr/", StringComparison.Ordinal) && int.TryParse(r.Name[8..], out var n) ? n : 0)
            .DefaultIfEmpty(0).Max();
        return Math.Max(fromRefs, await store.MaxNumberAsync(repoId, ct)) + 1;
    }
}
