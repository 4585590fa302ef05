using System.Text.Json.Nodes;
using Hub.Api.Auth;
using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Gating;

namespace Hub.Api.Features.Gating;

/// <summary>
/// Access requests to gated repositories (huggingface_hub's <c>list_pending_access_requests</c>,
/// <c>accept_access_request</c>, <c>reject_access_request</c>, <c>cancel_access_request</c>, <c>grant_access</c>):
/// a signed-in user asks (<c>auto</c> gating accepts at once, <c>manual</c> leaves it pending); repository admins list
/// and decide. <see cref="RepoAuthorization"/> reads the outcome on every file access.
/// </summary>
public static class GatingEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";

    public static IEndpointRouteBuilder MapGatingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Repo + "/ask-access", AskAsync);
        app.MapGet(Repo + "/user-access-request/{status:regex(^(pending|accepted|rejected)$)}", ListAsync);
        app.MapPost(Repo + "/user-access-request/handle", (HttpContext c, string segment, string ns, string name, RepoLookup l, IAccountStore a, IAccessRequestStore s, IAuditLog log, TimeProvider t, CancellationToken ct) =>
            DecideAsync(c, segment, ns, name, grant: false, l, a, s, log, t, ct));
        app.MapPost(Repo + "/user-access-request/grant", (HttpContext c, string segment, string ns, string name, RepoLookup l, IAccountStore a, IAccessRequestStore s, IAuditLog log, TimeProvider t, CancellationToken ct) =>
            DecideAsync(c, segment, ns, name, grant: true, l, a, s, log, t, ct));
        return app;
    }

    private static async Task<IResult> AskAsync(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, IAccessRequestStore requests, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var caller = found!.Caller;
        if (caller.User is null) return HfErrors.Unauthorized("You must be signed in to ask for access.");
        // With automatic gating asking grants access to the user (every token of theirs): read and fine-grained tokens,
        // which change nothing on the account, may not.
        if (!caller.CredentialAllowsWrite) return HfErrors.Forbidden("Asking for access needs a write token or the web UI: a read or fine-grained token cannot.");
        var repo = found.Repo;
        if (repo.Gated is not ("auto" or "manual")) return HfErrors.BadRequest($"{repo.FullName} is not gated: its files are open to everyone who can see it.");
        string? fields = null;
        if (context.Request.ContentLength is > 0 || context.Request.Headers.TransferEncoding.Count > 0)
        {
            var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(context.Request, ct, 16 * 1024);
            if (bodyError is not null) return bodyError;
            fields = body!.ToJsonString();
        }
        var initial = repo.Gated == "auto" ? AccessRequestStatus.Accepted : AccessRequestStatus.Pending;
        var request = await requests.RequestAsync(repo.Id, caller.User.Id, initial, fields, time.GetUtcNow(), ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "repo.access_request", $"{repo.Type}:{repo.FullName}", request.Status, context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Json(new { status = request.Status });
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string segment, string ns, string name, string status, RepoLookup lookup, IAccessRequestStore requests, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Admin, ct);
        if (error is not null) return error;
        var list = await requests.ListAsync(found!.Repo.Id, status, 1000, ct);
        return TypedResults.Json(list.Select(r => new
        {
            user = new { user = r.UserName, fullname = r.FullName ?? r.UserName, email = r.Email, type = "user" },
            username = r.UserName,
            status = r.Status,
            timestamp = HfJson.Date(r.CreatedAt),
            fields = r.Fields is null ? null : JsonNode.Parse(r.Fields),
        }));
    }

    private static async Task<IResult> DecideAsync(
        HttpContext context, string segment, string ns, string name, bool grant, RepoLookup lookup, IAccountStore accounts,
        IAccessRequestStore requests, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Admin, ct);
        if (error is not null) return error;
        var (parsed, bodyError) = await JsonBody.ReadAsync<AccessDecisionRequest>(context.Request, ct, 64 * 1024);
        if (bodyError is not null) return bodyError;
        var body = parsed!;
        if (string.IsNullOrWhiteSpace(body.User)) return HfErrors.BadRequest("user is required.");
        var status = grant ? AccessRequestStatus.Accepted : body.Status;
        if (!AccessRequestStatus.IsValid(status)) return HfErrors.BadRequest("status must be pending, accepted or rejected.");
        var user = await accounts.FindUserAsync(body.User, ct);
        if (user is null) return new HfError(404, $"There is no user named '{body.User}'.");
        var repo = found!.Repo;
        var now = time.GetUtcNow();
        var decidedBy = found.Caller.User?.Id;
        if (!await requests.SetStatusAsync(repo.Id, user.Id, status!, status == AccessRequestStatus.Pending ? null : decidedBy, now, createIfMissing: grant, ct))
            return new HfError(404, $"{user.Name} has not asked for access to {repo.FullName}.");
        await audit.WriteAsync(new AuditEntry(now, decidedBy, grant ? "repo.access_grant" : "repo.access_decision", $"{repo.Type}:{repo.FullName}",
            $"user={user.Name} status={status}" + (body.RejectionReason is { Length: > 0 } reason ? $" reason={reason[..Math.Min(reason.Length, 200)]}" : ""),
            context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Json(new { user = user.Name, status });
    }
}
