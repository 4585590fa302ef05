using System.Text;
using Hub.Api.Features.Files;
using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Git;

namespace Hub.Api.Features.Commits;

/// <summary><c>POST /api/{type}s/{ns}/{name}/preupload/{revision}</c>: which files go through LFS, which are ignored, what is there now.</summary>
public static class PreuploadEndpoints
{
    /// <summary>Above this a file goes through LFS whatever its type (huggingface_hub assumes regular files are small).</summary>
    public const long LfsSizeThreshold = 5 * 1024 * 1024;

    public static IEndpointRouteBuilder MapPreuploadEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}/preupload/{**revision}", PreuploadAsync);
        return app;
    }

    private static async Task<IResult> PreuploadAsync(
        HttpContext context, string segment, string ns, string name, string revision, RepoLookup lookup, RevisionResolver resolver,
        IGitRepositoryStore git, RepoFiles files, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var (resolved, revisionError) = await resolver.ResolveAsync(repo.Id, revision, ct);
        if (revisionError is not null) return revisionError;
        var (body, bodyError) = await JsonBody.ReadAsync<PreuploadRequest>(context.Request, ct);
        if (bodyError is not null) return bodyError;
        if (body!.Files is not { Count: <= 1000 } requested) return HfErrors.BadRequest("files must list at most 1000 files.");
        var commit = resolved!.CommitId;
        var attributes = new GitAttributes(body.GitAttributes ?? await files.ReadTextAsync(repo.Id, commit, ".gitattributes", ct));
        var ignore = new GitIgnore(body.GitIgnore ?? await files.ReadTextAsync(repo.Id, commit, ".gitignore", ct));
        var result = new List<object>();
        foreach (var file in requested)
        {
            if (file is null || string.IsNullOrEmpty(file.Path) || file.Size is not >= 0) return HfErrors.BadRequest("Every file needs a path and a non-negative size.");
            var sample = TryBase64(file.Sample);
            if (sample is null) return HfErrors.BadRequest($"The sample of {file.Path} is not valid base64.");
            var lfs = file.Size > 0 && (attributes.IsLfs(file.Path) || file.Size > LfsSizeThreshold || LooksBinary(sample));
            string? oid = null;
            try
            {
                if (await git.GetEntryAsync(repo.Id, commit, file.Path, ct) is { Kind: GitEntryKind.File } entry)
                    oid = (await files.DescribeAsync(repo.Id, entry, ct)).Lfs?.Oid ?? entry.ObjectId;
            }
            catch (GitPathException e)
            {
                return HfErrors.Unprocessable(e.Message);
            }
            result.Add(new { path = file.Path, uploadMode = lfs ? "lfs" : "regular", shouldIgnore = ignore.IsIgnored(file.Path), oid });
        }
        return TypedResults.Json(new { files = result, commitOid = commit });
    }

    private static byte[]? TryBase64(string? sample)
    {
        if (string.IsNullOrEmpty(sample)) return [];
        try { return Convert.FromBase64String(sample); }
        catch (FormatException) { return null; }
    }

    /// <summary>A NUL byte or invalid UTF-8 in the first bytes means binary (as git and huggingface.co decide).</summary>
    private static bool LooksBinary(byte[] sample)
    {
        if (sample.Contains((byte)0)) return true;
        try
        {
            // A multi-byte character cut at the end of the sample is not a sign of binary content.
            var trimmed = sample.Length >= 512 ? sample[..^4] : sample;
            _ = new UTF8Encoding(false, true).GetString(trimmed);
            return false;
        }
        catch (DecoderFallbackException)
        {
            return true;
        }
    }
}
