using System.Text.Json.Nodes;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Scanning;
using Hub.Api.Http;
using Hub.Storage.Git;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Api.Features.Files;

/// <summary>Tree listing and paths-info (hf-api.md §2.6).</summary>
public static class TreeEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";
    private const int PageSize = 1000;
    private const int ExpandedPageSize = 50;

    public static IEndpointRouteBuilder MapTreeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Repo + "/tree/{**rest}", TreeAsync);
        app.MapPost(Repo + "/paths-info/{**revision}", PathsInfoAsync);
        return app;
    }

    /// <summary>
    /// <c>rest</c> is "{revision}[/{path}]"; JS sends both unencoded, so a revision with slashes is split off by the
    /// longest prefix that resolves (hf-api.md §1.3).
    /// </summary>
    private static async Task<IResult> TreeAsync(
        HttpContext context, string segment, string ns, string name, string rest, RepoLookup lookup, IGitRepositoryStore git,
        RepoFiles files, PublicUrls urls, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var decoded = RawPathTail.Decode(context, rest).TrimEnd('/');
        (GitResolvedRevision Revision, string Path)? split;
        try { split = await git.ResolveWithPathAsync(repo.Id, decoded, ct); }
        catch (ArgumentException) { split = null; }
        if (split is not { } s) return HfErrors.RevisionNotFound(decoded.Split('/')[0]);
        var q = context.Request.Query;
        var recursive = HfJson.ParseBool(q["recursive"].FirstOrDefault()) == true;
        var expand = HfJson.ParseBool(q["expand"].FirstOrDefault()) == true;
        var limit = expand ? ExpandedPageSize : PageSize;
        GitTreePage page;
        try
        {
            page = await git.ListTreeAsync(repo.Id, s.Revision.CommitId, s.Path, recursive, q["cursor"].FirstOrDefault(), limit, ct);
        }
        catch (Exception e) when (e is GitEntryNotFoundException or GitPathException)
        {
            return HfErrors.EntryNotFound(s.Path, s.Revision.CommitId);
        }
        var described = await files.DescribeAsync(repo.Id, page.Entries, ct);
        var lastCommits = expand
            ? await git.GetLastCommitsAsync(repo.Id, s.Revision.CommitId, [.. page.Entries.Select(e => e.Path)], ct)
            : null;
        if (page.NextCursor is not null)
        {
            var next = QueryHelpers.AddQueryString(
                $"{urls.Base(context)}{context.Request.Path}",
                q.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v))).Append(KeyValuePair.Create("cursor", (string?)page.NextCursor)));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        var security = expand ? await context.RequestServices.GetRequiredService<SecurityStatus>().ForFilesAsync(described, ct) : null;
        return TypedResults.Json(new JsonArray([.. described.Select(f => TreeEntryJson.Create(f, lastCommits?.GetValueOrDefault(f.Entry.Path), security?.GetValueOrDefault(f.Entry.Path)))]));
    }

    private static async Task<IResult> PathsInfoAsync(
        HttpContext context, string segment, string ns, string name, string revision, RepoLookup lookup, RevisionResolver resolver,
        IGitRepositoryStore git, RepoFiles files, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var (resolved, revisionError) = await resolver.ResolveAsync(repo.Id, revision, ct);
        if (revisionError is not null) return revisionError;
        var (paths, expand, bodyError) = await PathsInfoBody.ReadAsync(context.Request, ct);
        if (bodyError is not null) return bodyError;
        var entries = new List<GitTreeEntry>();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            try
            {
                var normalized = path.Trim('/');
                var entry = normalized.Length == 0 ? null : await git.GetEntryAsync(repo.Id, resolved!.CommitId, normalized, ct);
                if (entry is not null) entries.Add(entry);
            }
            catch (GitPathException)
            {
                // Paths that cannot exist are simply absent, like missing ones.
            }
        }
        var described = await files.DescribeAsync(repo.Id, entries, ct);
        var lastCommits = expand ? await git.GetLastCommitsAsync(repo.Id, resolved!.CommitId, [.. entries.Select(e => e.Path)], ct) : null;
        var security = expand ? await context.RequestServices.GetRequiredService<SecurityStatus>().ForFilesAsync(described, ct) : null;
        return TypedResults.Json(new JsonArray([.. described.Select(f => TreeEntryJson.Create(f, lastCommits?.GetValueOrDefault(f.Entry.Path), security?.GetValueOrDefault(f.Entry.Path)))]));
    }
}
