using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Repos;

/// <summary>
/// Finds the repository a route names and applies <see cref="RepoAuthorization"/>: a repository the caller may not see
/// answers exactly like a missing one (401 anonymous, 404 otherwise, <c>RepoNotFound</c>); a moved one answers 307 with a
/// relative Location on the new name (hf-api.md §2.2).
/// </summary>
public sealed class RepoLookup(IRepositoryStore repos, RepoAuthorization authorization)
{
    public async Task<(RepoContext? Repo, IResult? Error)> FindAsync(
        HttpContext context, string type, string ns, string name, RepoNeed need, CancellationToken cancellationToken)
    {
        var caller = context.GetCaller();
        var fullName = $"{ns}/{name}";
        var repo = await repos.FindAsync(type, fullName, cancellationToken);
        if (repo is null)
        {
            var moved = await repos.FindMovedAsync(type, fullName, cancellationToken);
            if (moved is not null && (await authorization.GetAsync(caller, moved, cancellationToken)).CanSee)
                return (null, Redirect(context, fullName, moved.FullName));
            return (null, HfErrors.RepoNotFound(!caller.IsAuthenticated));
        }
        var permissions = await authorization.GetAsync(caller, repo, cancellationToken);
        if (!permissions.CanSee || repo.Disabled && need != RepoNeed.Admin)
            return (null, repo.Disabled && permissions.CanSee
                ? new HfError(403, "Access to this resource is disabled.")
                : HfErrors.RepoNotFound(!caller.IsAuthenticated));
        IResult? error = need switch
        {
            RepoNeed.ReadFiles when !permissions.CanReadFiles => caller.IsAuthenticated
                ? HfErrors.GatedNotGranted(repo.FullName)
                : HfErrors.GatedAnonymous(repo.FullName),
            RepoNeed.Write when !permissions.CanWrite => Denied(caller, "write to"),
            RepoNeed.Admin when !permissions.CanAdmin => Denied(caller, "administer"),
            _ => null,
        };
        return error is null ? (new RepoContext(repo, permissions, caller), null) : (null, error);
    }

    private static HfError Denied(HubCaller caller, string what) =>
        !caller.IsAuthenticated
            ? new HfError(401, $"You must be authenticated to {what} this repository.", headers: new Dictionary<string, string> { ["WWW-Authenticate"] = "Bearer realm=\"Hub\"" })
            : caller.CredentialAllowsWrite
                ? HfErrors.Forbidden($"You don't have the rights to {what} this repository.")
                : HfErrors.Forbidden($"This is a read token: it cannot {what} this repository. Use a write token.");

    private static IResult Redirect(HttpContext context, string oldName, string newName)
    {
        var path = context.Request.Path.Value ?? "";
        var index = path.IndexOf("/" + oldName, StringComparison.OrdinalIgnoreCase);
        var location = index < 0 ? path : string.Concat(path.AsSpan(0, index + 1), newName, path.AsSpan(index + 1 + oldName.Length));
        return TypedResults.Redirect(location + context.Request.QueryString, permanent: false, preserveMethod: true);
    }
}
