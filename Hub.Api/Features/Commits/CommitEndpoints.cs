using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Metadata.Audit;
using Microsoft.AspNetCore.Http.Features;
using Hub.Api.Features.Webhooks;

namespace Hub.Api.Features.Commits;

/// <summary><c>POST /api/{type}s/{ns}/{name}/commit/{revision}[?create_pr=1]</c> with an NDJSON body (hf-api.md §2.7.5).</summary>
public static class CommitEndpoints
{
    /// <summary>Regular files travel base64-encoded inside the body; Python budgets ~100 MB of them per commit.</summary>
    public const long MaxBodyBytes = 512L * 1024 * 1024;

    public static IEndpointRouteBuilder MapCommitEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}/commit/{**revision}", CommitAsync).DisableRequestTimeout();
        return app;
    }

    private static async Task<IResult> CommitAsync(
        HttpContext context, string segment, string ns, string name, string revision, RepoLookup lookup, CommitService commits,
        PublicUrls urls, IAuditLog audit, WebhookNotifier webhooks, TimeProvider time, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = MaxBodyBytes;
        var type = RepoTypes.FromApiSegment(segment)!;
        var createPr = HfJson.ParseBool(context.Request.Query["create_pr"].FirstOrDefault()) == true;
        var (found, error) = await lookup.FindAsync(context, type, ns, name, RepoNeed.Write, ct);
        if (error is not null) return error;
        var repo = found!.Repo;
        CommitHeader header;
        IReadOnlyList<CommitOperation> operations;
        try
        {
            (header, operations) = await NdjsonCommitReader.ReadAsync(context.Request.Body, ct);
        }
        catch (NdjsonCommitReader.CommitFormatException e)
        {
            return HfErrors.BadRequest(e.Message);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new HfError(413, $"The commit body is larger than {MaxBodyBytes} bytes: upload large files through LFS.");
        }
        if (operations.Count == 0) return HfErrors.BadRequest("The commit has no operations.");
        try
        {
            var outcome = await commits.CommitAsync(repo, RevisionResolver.Decode(revision), header, operations, found.Caller.User!, createPr, ct);
            var repoUrl = urls.Repo(context, type, repo.FullName);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), found.Caller.User!.Id, "repo.commit", $"{type}:{repo.FullName}", outcome.CommitId, context.Connection.RemoteIpAddress?.ToString()), ct);
            await webhooks.RepoChangedAsync(context, repo, "update", "repo.content", CancellationToken.None);
            return TypedResults.Json(new
            {
                success = true,
                commitOid = outcome.CommitId,
                commitUrl = $"{repoUrl}/commit/{outcome.CommitId}",
                hookOutput = "",
                pullRequestUrl = outcome.PullRequest is { } n ? $"{repoUrl}/discussions/{n}" : null,
            });
        }
        catch (CommitRejectedException e)
        {
            return new HfError(e.StatusCode, e.Message, e.ErrorCode);
        }
    }
}
