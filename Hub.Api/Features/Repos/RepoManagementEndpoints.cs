using System.Text.Json;
using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Repositories;
using Hub.Api.Features.Webhooks;

namespace Hub.Api.Features.Repos;

/// <summary>Create, delete, move and settings (hf-api.md §2.2).</summary>
public static class RepoManagementEndpoints
{
    public static IEndpointRouteBuilder MapRepoManagementEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/repos/create", CreateAsync);
        app.MapDelete("/api/repos/delete", DeleteAsync);
        app.MapPost("/api/repos/move", MoveAsync);
        app.MapPut("/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}/settings", SettingsAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(
        HttpContext context, IAccountStore accounts, RepoAuthorization authorization, RepoCreationService creation,
        PublicUrls urls, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be authenticated to create a repository.");
        var (body, error) = await JsonBody.ReadAsync<CreateRepoRequest>(context.Request, ct, 64 * 1024 * 1024);
        if (error is not null) return error;
        var type = RepoTypes.FromName(body!.Type);
        if (type is null) return HfErrors.BadRequest($"Unknown repository type '{body.Type}': use model, dataset or space.");
        var (nsName, name) = SplitName(body.Name, body.Organization ?? caller.User.Name);
        if (Names.ValidateRepoName(name) is { } nameError) return HfErrors.BadRequest(nameError);
        var ns = await accounts.FindNamespaceAsync(nsName, ct);
        if (ns is null) return HfErrors.BadRequest($"There is no user or organization named '{nsName}'.");
        if (!await authorization.CanWriteNamespaceAsync(caller, ns, ct))
            return HfErrors.Forbidden($"You don't have the rights to create a repository under the namespace '{ns.Name}'.");
        var visibility = body.Visibility ?? (body.Private == true ? "private" : "public");
        if (visibility is not ("public" or "private" or "protected"))
            return HfErrors.BadRequest("visibility must be public, private or protected.");
        var gated = body.Gated is null or "false" ? "none" : body.Gated;
        if (gated is not ("none" or "auto" or "manual")) return HfErrors.BadRequest("gated must be auto, manual or false.");
        if (type == RepoTypes.Space && body.Sdk is not (null or "gradio" or "streamlit" or "docker" or "static"))
            return HfErrors.BadRequest("sdk must be gradio, streamlit, docker or static.");
        var files = new List<GitFileOperation>();
        foreach (var file in body.Files ?? [])
        {
            if (string.IsNullOrEmpty(file.Path) || file.Content is null) return HfErrors.BadRequest("Every file needs a path and a content.");
            try
            {
                files.Add(new GitAddFile(file.Path, file.Encoding == "base64" ? Convert.FromBase64String(file.Content) : System.Text.Encoding.UTF8.GetBytes(file.Content)));
            }
            catch (FormatException)
            {
                return HfErrors.BadRequest($"The content of '{file.Path}' is not valid base64.");
            }
        }
        try
        {
            // The initial commit is a commit: same path rules, pointer rule and security scan as any other.
            await context.RequestServices.GetRequiredService<Scanning.RepoScanner>().CheckInitialFilesAsync(
                [.. files.OfType<GitAddFile>().Select(f => new Commits.CommitFile(f.Path, f.Content.ToArray()))], ct);
        }
        catch (Commits.CommitRejectedException e)
        {
            return new HfError(e.StatusCode, e.Message, e.ErrorCode);
        }
        var fullName = $"{ns.Name}/{name}";
        try
        {
            var repo = await creation.CreateAsync(type, ns, name!, visibility != "public", gated, type == RepoTypes.Space ? body.Sdk ?? "static" : null, caller.User, files, ct);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "repo.create", $"{type}:{repo.FullName}", null, context.Connection.RemoteIpAddress?.ToString()), ct);
            return TypedResults.Ok(new { url = urls.Repo(context, type, repo.FullName), name = repo.FullName, id = repo.Id });
        }
        catch (RepositoryExistsException)
        {
            return TypedResults.Json(new { error = $"You already created this {type} repo", url = urls.Repo(context, type, fullName) }, statusCode: 409);
        }
        catch (GitPathException e)
        {
            return HfErrors.Unprocessable(e.Message);
        }
    }

    private static async Task<IResult> DeleteAsync(
        HttpContext context, RepoLookup lookup, RepoCreationService creation, IAuditLog audit, WebhookNotifier webhooks, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.RepoNotFound(anonymous: true);
        var (body, error) = await JsonBody.ReadAsync<RepoNameRequest>(context.Request, ct);
        if (error is not null) return error;
        var type = RepoTypes.FromName(body!.Type);
        if (type is null) return HfErrors.BadRequest($"Unknown repository type '{body.Type}'.");
        var (ns, name) = SplitName(body.Name, body.Organization ?? caller.User.Name);
        if (name is null) return HfErrors.BadRequest("name is required.");
        var (repo, lookupError) = await lookup.FindAsync(context, type, ns, name, RepoNeed.Admin, ct);
        if (lookupError is not null) return lookupError;
        await creation.DeleteAsync(repo!.Repo, ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "repo.delete", $"{type}:{repo.Repo.FullName}", null, context.Connection.RemoteIpAddress?.ToString()), ct);
        await webhooks.RepoChangedAsync(context, repo.Repo, "delete", "repo", CancellationToken.None);
        return TypedResults.Text("OK");
    }

    private static async Task<IResult> MoveAsync(
        HttpContext context, RepoLookup lookup, IAccountStore accounts, RepoAuthorization authorization, IRepositoryStore repos,
        IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.RepoNotFound(anonymous: true);
        var (body, error) = await JsonBody.ReadAsync<MoveRepoRequest>(context.Request, ct);
        if (error is not null) return error;
        var type = RepoTypes.FromName(body!.Type);
        if (type is null) return HfErrors.BadRequest($"Unknown repository type '{body.Type}'.");
        if (body.FromRepo?.Split('/') is not [var fromNs, var fromName] || body.ToRepo?.Split('/') is not [var toNs, var toName])
            return HfErrors.BadRequest("fromRepo and toRepo must both be 'namespace/name'.");
        if (Names.ValidateRepoName(toName) is { } nameError) return HfErrors.BadRequest(nameError);
        var (repo, lookupError) = await lookup.FindAsync(context, type, fromNs, fromName, RepoNeed.Admin, ct);
        if (lookupError is not null) return lookupError;
        var target = await accounts.FindNamespaceAsync(toNs, ct);
        if (target is null) return HfErrors.BadRequest($"There is no user or organization named '{toNs}'.");
        if (!await authorization.CanWriteNamespaceAsync(caller, target, ct))
            return HfErrors.Forbidden($"You don't have the rights to create a repository under the namespace '{target.Name}'.");
        try
        {
            var moved = await repos.MoveAsync(repo!.Repo.Id, target.Id, toName, time.GetUtcNow(), ct);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "repo.move", $"{type}:{repo.Repo.FullName}", moved.FullName, context.Connection.RemoteIpAddress?.ToString()), ct);
            return TypedResults.Ok(new { });
        }
        catch (RepositoryExistsException)
        {
            return HfErrors.Conflict($"A {type} repository named {body.ToRepo} already exists.");
        }
    }

    private static async Task<IResult> SettingsAsync(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, IRepositoryStore repos,
        IAuditLog audit, WebhookNotifier webhooks, TimeProvider time, CancellationToken ct)
    {
        var (repo, lookupError) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.Admin, ct);
        if (lookupError is not null) return lookupError;
        var (body, error) = await JsonBody.ReadAsync<RepoSettingsRequest>(context.Request, ct);
        if (error is not null) return error;
        bool? isPrivate = body!.Visibility switch
        {
            null => body.Private,
            "public" => false,
            "private" or "protected" => true,
            _ => null,
        };
        if (body.Visibility is not (null or "public" or "private" or "protected"))
            return HfErrors.BadRequest("visibility must be public, private or protected.");
        string? gated = body.Gated switch
        {
            null => null,
            { ValueKind: JsonValueKind.False } => "none",
            { ValueKind: JsonValueKind.String } g when g.GetString() is "auto" or "manual" => g.GetString(),
            _ => "invalid",
        };
        if (gated == "invalid") return HfErrors.BadRequest("gated must be \"auto\", \"manual\" or false.");
        await repos.UpdateSettingsAsync(repo!.Repo.Id, isPrivate, gated, ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), repo.Caller.User?.Id, "repo.settings", $"{repo.Repo.Type}:{repo.Repo.FullName}",
            $"private={isPrivate?.ToString() ?? "unchanged"}, gated={gated ?? "unchanged"}", context.Connection.RemoteIpAddress?.ToString()), ct);
        await webhooks.RepoChangedAsync(context, repo.Repo, "update", "repo.config", CancellationToken.None);
        return TypedResults.Ok(new { });
    }

    /// <summary>Python sends <c>name</c> and <c>organization</c> (null: the caller's namespace); some clients send <c>ns/name</c>.</summary>
    private static (string Namespace, string? Name) SplitName(string? name, string defaultNamespace) =>
        name?.Split('/') is [var ns, var n] ? (ns, n) : (defaultNamespace, name);
}
