using Hub.Api.Http;
using Hub.Storage.Git;

namespace Hub.Api.Features.Repos;

/// <summary>Turns a revision from a URL (percent-encoded or not, hf-api.md §1.3) into a commit.</summary>
public sealed class RevisionResolver(IGitRepositoryStore git)
{
    /// <summary>A revision from a route value: Kestrel decoded all of it but its encoded slashes (<c>refs%2Fpr%2F1</c>).</summary>
    public static string Decode(string value) => Http.RawPathTail.SlashesOnly(value);

    public async Task<(GitResolvedRevision? Revision, IResult? Error)> ResolveAsync(string repoId, string rawRevision, CancellationToken cancellationToken)
    {
        var revision = Decode(rawRevision);
        GitResolvedRevision? resolved;
        try
        {
            resolved = await git.ResolveAsync(repoId, revision, cancellationToken);
        }
        catch (ArgumentException)
        {
            resolved = null;
        }
        return resolved is null ? (null, HfErrors.RevisionNotFound(revision)) : (resolved, null);
    }
}
