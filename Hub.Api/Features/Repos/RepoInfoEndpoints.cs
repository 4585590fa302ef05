using Hub.Api.Features.Files;
using Hub.Api.Features.Indexing;
using Hub.Api.Features.Scanning;
using Hub.Api.Http;
using Hub.Storage.Git;

namespace Hub.Api.Features.Repos;

/// <summary><c>GET /api/{type}s/{ns}/{name}[/revision/{rev}]</c> (hf-api.md §2.3).</summary>
public static class RepoInfoEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";

    public static IEndpointRouteBuilder MapRepoInfoEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Repo, (HttpContext c, string segment, string ns, string name, RepoLookup l, RevisionResolver r, RepoFiles f, IGitRepositoryStore g, RepoIndexer i, CancellationToken ct) =>
            InfoAsync(c, segment, ns, name, null, l, r, f, g, i, ct));
        app.MapGet(Repo + "/revision/{**revision}", (HttpContext c, string segment, string ns, string name, string revision, RepoLookup l, RevisionResolver r, RepoFiles f, IGitRepositoryStore g, RepoIndexer i, CancellationToken ct) =>
            InfoAsync(c, segment, ns, name, revision, l, r, f, g, i, ct));
        return app;
    }

    private static async Task<IResult> InfoAsync(
        HttpContext context, string segment, string ns, string name, string? revision, RepoLookup lookup, RevisionResolver resolver,
        RepoFiles files, IGitRepositoryStore git, RepoIndexer indexer, CancellationToken ct)
    {
        var type = RepoTypes.FromApiSegment(segment)!;
        var (found, error) = await lookup.FindAsync(context, type, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var repo = context.RequestServices.GetRequiredService<Search.DownloadCounter>().WithPending(found!.Repo);
        GitResolvedRevision? resolved;
        if ((revision is null || RevisionResolver.Decode(revision) == repo.DefaultBranch) && repo.HeadCommit is { } head)
        {
            // The default branch is the indexed head, which every commit and push updates before it answers: no git process.
            resolved = new GitResolvedRevision(head, "refs/heads/" + repo.DefaultBranch);
        }
        else
        {
            (resolved, var revisionError) = await resolver.ResolveAsync(repo.Id, revision ?? repo.DefaultBranch, ct);
            if (revisionError is not null) return revisionError;
        }
        var expand = RepoQueryString.Expand(context.Request);
        var fields = expand.Length > 0 ? expand : RepoJson.InfoDefaults;
        var commit = resolved!.CommitId == repo.HeadCommit ? null : await git.GetCommitAsync(repo.Id, resolved.CommitId, ct);
        if (commit is not null)
        {
            // Another revision than the indexed head: its own card, config, weights and tags (stored per commit).
            var revisionIndex = await indexer.GetRevisionAsync(repo, resolved.CommitId, ct);
            repo = repo with
            {
                CardData = revisionIndex.CardData, PipelineTag = revisionIndex.PipelineTag, LibraryName = revisionIndex.LibraryName,
                IndexedData = revisionIndex.IndexedData, Tags = revisionIndex.Tags,
            };
        }
        var siblings = fields.Contains("siblings") ? await files.ListAllFilesAsync(repo.Id, resolved.CommitId, ct) : null;
        var json = RepoJson.Create(repo, resolved.CommitId, commit?.Committer.When ?? repo.LastModified, siblings, RepoQueryString.Flag(context.Request, "blobs"), fields);
        if (RepoQueryString.Flag(context.Request, "securityStatus"))
            json["securityRepoStatus"] = await context.RequestServices.GetRequiredService<SecurityStatus>().ForRevisionAsync(repo.Id, resolved.CommitId, ct);
        return TypedResults.Json(json);
    }
}
