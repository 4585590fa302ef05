using Hub.Api.Features.Lfs;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Scanning;
using Hub.Api.Features.Search;
using Hub.Api.Http;
using Hub.Api.Telemetry;
using Hub.Storage.Git;

namespace Hub.Api.Features.Files;

/// <summary>
/// <c>GET|HEAD /{prefix}{ns}/{name}/resolve/{rev}/{path}</c> and <c>/raw/</c> (hf-api.md §2.5): every header the HF
/// clients read, ranges, If-None-Match; LFS files redirect to a presigned URL or stream from the blob store.
/// </summary>
public static class ResolveEndpoints
{
    private static readonly string[] GetHead = ["GET", "HEAD"];

    public static IEndpointRouteBuilder MapResolveEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, type) in new[] { ("", RepoTypes.Model), ("/datasets", RepoTypes.Dataset), ("/spaces", RepoTypes.Space) })
        {
            app.MapMethods(prefix + "/{ns}/{name}/resolve/{**rest}", GetHead,
                (HttpContext c, string ns, string name, string rest, RepoLookup l, IGitRepositoryStore g, RevisionPaths p, RepoFiles f, LfsDownloads d, DownloadCounter dc, CancellationToken ct) =>
                    ServeAsync(c, type, ns, name, rest, raw: false, l, g, p, f, d, dc, ct)).DisableRequestTimeout();
            app.MapMethods(prefix + "/{ns}/{name}/raw/{**rest}", GetHead,
                (HttpContext c, string ns, string name, string rest, RepoLookup l, IGitRepositoryStore g, RevisionPaths p, RepoFiles f, LfsDownloads d, DownloadCounter dc, CancellationToken ct) =>
                    ServeAsync(c, type, ns, name, rest, raw: true, l, g, p, f, d, dc, ct)).DisableRequestTimeout();
        }
        return app;
    }

    private static async Task<IResult> ServeAsync(
        HttpContext context, string type, string ns, string name, string rest, bool raw, RepoLookup lookup,
        IGitRepositoryStore git, RevisionPaths paths, RepoFiles files, LfsDownloads downloads, DownloadCounter counter, CancellationToken ct)
    {
        var (found, error) = await lookup.FindForDownloadAsync(context, type, ns, name, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var decoded = RawPathTail.Decode(context, rest);
        if (await paths.SplitAsync(repo, decoded, ct) is not { } s) return HfErrors.RevisionNotFound(decoded.Split('/')[0]);
        var commit = s.Revision.CommitId;
        context.Response.Headers["X-Repo-Commit"] = commit;
        var entry = await paths.GetEntryAsync(repo.Id, commit, s.Path, ct);
        if (entry is not { Kind: GitEntryKind.File }) return HfErrors.EntryNotFound(s.Path, commit);
        var file = raw ? new RepoFileEntry(entry, null) : await files.DescribeAsync(repo.Id, entry, ct);
        if (await context.RequestServices.GetRequiredService<RepoScanner>().RefuseQuarantinedAsync(file, ct) is { } quarantined) return quarantined;
        if (HttpMethods.IsGet(context.Request.Method))
        {
            ApiTelemetry.Downloads.Add(1, new KeyValuePair<string, object?>("lfs", file.Lfs is not null));
            await counter.OnFileGetAsync(context, repo, s.Path, ct);
        }
        if (file.Lfs is { } lfs)
            return await downloads.ServeAsync(context, repo, lfs, s.Path, ct);
        await FileResponder.WriteAsync(context, entry.Size, entry.ObjectId, s.Path, async (offset, length, token) =>
            await FileResponder.SliceAsync(await paths.OpenBlobAsync(repo.Id, entry, token), offset, length, token));
        return TypedResults.Empty;
    }
}
