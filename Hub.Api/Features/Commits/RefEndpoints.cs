using System.Text.Json.Serialization;
using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Git;

namespace Hub.Api.Features.Commits;

/// <summary>Refs, commit history, branches and tags (hf-api.md §2.6).</summary>
public static class RefEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";

    public sealed record BranchRequest(
        [property: JsonPropertyName("startingPoint")] string? StartingPoint,
        [property: JsonPropertyName("emptyBranch")] bool? EmptyBranch,
        [property: JsonPropertyName("overwrite")] bool? Overwrite);

    public sealed record TagRequest(
        [property: JsonPropertyName("tag")] string? Tag,
        [property: JsonPropertyName("message")] string? Message);

    public static IEndpointRouteBuilder MapRefEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Repo + "/refs", RefsAsync);
        app.MapGet(Repo + "/commits/{**revision}", CommitsAsync);
        app.MapPost(Repo + "/branch/{**branch}", CreateBranchAsync);
        app.MapDelete(Repo + "/branch/{**branch}", DeleteBranchAsync);
        app.MapPost(Repo + "/tag/{**revision}", CreateTagAsync);
        app.MapDelete(Repo + "/tag/{**tag}", DeleteTagAsync);
        return app;
    }

    private static async Task<IResult> RefsAsync(HttpContext context, string segment, string ns, string name, RepoLookup lookup, IGitRepositoryStore git, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var refs = await git.ListRefsAsync(found!.Repo.Id, ct);
        object Describe(GitRef r, string prefix) => new { name = r.Name[prefix.Length..], @ref = r.Name, targetCommit = r.Target };
        IEnumerable<object> Of(string prefix) => refs.Where(r => r.Name.StartsWith(prefix, StringComparison.Ordinal)).Select(r => Describe(r, prefix));
        var includePrs = HfJson.ParseBool(context.Request.Query["include_prs"].FirstOrDefault()) == true;
        return TypedResults.Json(new
        {
            branches = Of("refs/heads/"),
            converts = Of("refs/convert/"),
            tags = Of("refs/tags/"),
            pullRequests = includePrs ? Of("refs/pr/") : null,
        });
    }

    private static async Task<IResult> CommitsAsync(
        HttpContext context, string segment, string ns, string name, string revision, RepoLookup lookup, RevisionResolver resolver,
        IGitRepositoryStore git, PublicUrls urls, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var (resolved, revisionError) = await resolver.ResolveAsync(found!.Repo.Id, revision, ct);
        if (revisionError is not null) return revisionError;
        var q = context.Request.Query;
        var limit = int.TryParse(q["limit"].FirstOrDefault(), out var l) ? Math.Clamp(l, 1, 1000) : 50;
        var page = int.TryParse(q["p"].FirstOrDefault(), out var p) && p >= 0 ? p : 0;
        var result = await git.ListCommitsAsync(found.Repo.Id, resolved!.CommitId, null, page * limit, limit, ct);
        context.Response.Headers["X-Total-Count"] = result.TotalCount.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if ((page + 1) * limit < result.TotalCount)
        {
            var next = Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(
                $"{urls.Base(context)}{context.Request.Path}",
                q.Where(kv => kv.Key != "p").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v))).Append(KeyValuePair.Create("p", (string?)(page + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        var formatted = RepoQueryString.Expand(context.Request).Contains("formatted");
        return TypedResults.Json(result.Commits.Select(c => new
        {
            id = c.Id,
            title = c.Title,
            message = c.Message,
            date = HfJson.Date(c.Committer.When),
            authors = new[] { new { user = c.Author.Name, avatar = Accounts.Avatars.Url(urls.Base(context), c.Author.Name) } },
            formatted = formatted ? new { title = System.Net.WebUtility.HtmlEncode(c.Title), message = System.Net.WebUtility.HtmlEncode(c.Message) } : null,
        }));
    }

    private static async Task<IResult> CreateBranchAsync(
        HttpContext context, string segment, string ns, string name, string branch, RepoLookup lookup, RevisionResolver resolver, IGitRepositoryStore git, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        branch = RevisionResolver.Decode(branch);
        if (RefNames.ValidateBranch(branch) is { } invalid) return HfErrors.BadRequest(invalid);
        var (body, bodyError) = await JsonBody.ReadOptionalAsync(context.Request, new BranchRequest(null, null, null), ct, 64 * 1024);
        if (bodyError is not null) return bodyError;
        if (body!.EmptyBranch == true) return HfErrors.BadRequest("Empty branches are not supported: create the branch from a revision.");
        var (start, revisionError) = await resolver.ResolveAsync(repo.Id, body.StartingPoint ?? repo.DefaultBranch, ct);
        if (revisionError is not null) return revisionError;
        var refName = "refs/heads/" + branch;
        var existing = (await git.ListRefsAsync(repo.Id, ct)).FirstOrDefault(r => r.Name == refName);
        if (existing is not null && body.Overwrite != true) return HfErrors.Conflict($"Reference {refName} already exists");
        try
        {
            await git.UpdateRefAsync(repo.Id, refName, start!.CommitId, existing?.Target, ct);
        }
        catch (GitRefConflictException)
        {
            return HfErrors.Conflict($"Reference {refName} already exists");
        }
        return TypedResults.Ok(new { });
    }

    private static async Task<IResult> DeleteBranchAsync(
        HttpContext context, string segment, string ns, string name, string branch, RepoLookup lookup, IGitRepositoryStore git, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        branch = RevisionResolver.Decode(branch);
        if (branch == found!.Repo.DefaultBranch) return HfErrors.Forbidden($"Cannot delete refs/heads/{branch}");
        var refName = "refs/heads/" + branch;
        if (!(await git.ListRefsAsync(found.Repo.Id, ct)).Any(r => r.Name == refName)) return HfErrors.RevisionNotFound(branch);
        await git.DeleteRefAsync(found.Repo.Id, refName, null, ct);
        return TypedResults.Ok(new { });
    }

    private static async Task<IResult> CreateTagAsync(
        HttpContext context, string segment, string ns, string name, string revision, RepoLookup lookup, RevisionResolver resolver, IGitRepositoryStore git, TimeProvider time, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        var (body, bodyError) = await JsonBody.ReadAsync<TagRequest>(context.Request, ct, 64 * 1024);
        if (bodyError is not null) return bodyError;
        if (RefNames.ValidateTag(body!.Tag) is { } invalid) return HfErrors.BadRequest(invalid);
        var (target, revisionError) = await resolver.ResolveAsync(repo.Id, revision, ct);
        if (revisionError is not null) return revisionError;
        try
        {
            await git.CreateTagAsync(repo.Id, body.Tag!, target!.CommitId, body.Message, CommitAuthors.For(found.Caller.User!, time.GetUtcNow()), ct);
        }
        catch (GitRefConflictException)
        {
            return HfErrors.Conflict($"Tag {body.Tag} already exists");
        }
        return TypedResults.Ok(new { });
    }

    private static async Task<IResult> DeleteTagAsync(
        HttpContext context, string segment, string ns, string name, string tag, RepoLookup lookup, IGitRepositoryStore git, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        tag = RevisionResolver.Decode(tag);
        var refName = "refs/tags/" + tag;
        if (!(await git.ListRefsAsync(found!.Repo.Id, ct)).Any(r => r.Name == refName)) return HfErrors.RevisionNotFound(tag);
        await git.DeleteRefAsync(found.Repo.Id, refName, null, ct);
        return TypedResults.Ok(new { });
    }
}
