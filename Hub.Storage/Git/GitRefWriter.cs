using Microsoft.Extensions.Logging;

namespace Hub.Storage.Git;

/// <summary>
/// Moves and deletes refs with <c>git update-ref</c>'s compare-and-swap: git locks the ref file, checks the old value
/// and renames the new one into place, so of two writers expecting the same old value exactly one wins.
/// </summary>
/// <remarks>
/// Ref updates are never cancelled: killing git between taking the lock and releasing it would leave a stale
/// <c>.lock</c> file that blocks every later update of that ref. They take milliseconds.
/// </remarks>
internal sealed class GitRefWriter(GitProcess git, ILogger logger)
{
    public async Task UpdateAsync(string gitDir, string refName, string newId, string? expectedOldId, string reason)
    {
        var result = await git.RunAsync(
            GitInvocation.Of(gitDir, "update-ref", "-m", reason, refName, newId, expectedOldId ?? GitNames.ZeroId),
            CancellationToken.None);
        ThrowOnFailure(result, refName, expectedOldId);
    }

    public async Task DeleteAsync(string gitDir, string refName, string? expectedOldId, string reason)
    {
        string[] arguments = expectedOldId is null
            ? ["update-ref", "-m", reason, "-d", refName]
            : ["update-ref", "-m", reason, "-d", refName, expectedOldId];
        var result = await git.RunAsync(new GitInvocation(gitDir, arguments), CancellationToken.None);
        ThrowOnFailure(result, refName, expectedOldId);
    }

    private void ThrowOnFailure(GitResult result, string refName, string? expectedOldId)
    {
        if (result.Succeeded)
            return;
        if (result.Error.Contains("cannot lock ref", StringComparison.Ordinal))
        {
            // Covers "is at X but expected Y", "reference already exists", "unable to resolve reference", a lock held
            // by a concurrent writer, and a name clash such as refs/heads/a vs refs/heads/a/b.
            StorageTelemetry.RefConflicts.Add(1);
            logger.LogInformation("Ref update of {RefName} lost (expected {ExpectedOldId}): {GitError}", refName, expectedOldId ?? "no ref", result.Error.Trim());
            throw new GitRefConflictException(
                expectedOldId is null
                    ? $"The ref {refName} already exists or is being changed by another writer."
                    : $"The ref {refName} no longer points at {expectedOldId}: it was changed by another writer.");
        }

        if (result.Error.Contains("nonexistent object", StringComparison.Ordinal) || result.Error.Contains("non-commit object", StringComparison.Ordinal))
            throw new ArgumentException($"Cannot point {refName} there: {result.Error.Trim()}");
        result.EnsureSuccess();
    }
}
