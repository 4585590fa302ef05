using System.Globalization;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Auth;

/// <summary>
/// Turns requested scopes into stored ones (ids, so renames keep them). A repository the caller cannot see is refused
/// exactly like a missing one, so creating tokens reveals nothing; a namespace must be the caller's own or one of
/// their organizations (site admins: any).
/// </summary>
public sealed class TokenScopeResolver(IRepositoryStore repos, IAccountStore accounts, RepoAuthorization authorization)
{
    public const int MaxScopes = 100;

    public async Task<(TokenScopes? Scopes, string? Error)> ResolveAsync(HubCaller caller, IReadOnlyList<TokenScopeRequest>? requested, CancellationToken ct)
    {
        if (caller.User is null) return (null, "You must be signed in.");
        if (requested is not { Count: > 0 and <= MaxScopes }) return (null, $"A fine-grained token needs between 1 and {MaxScopes} scopes.");
        var result = new List<TokenScope>();
        foreach (var scope in requested)
        {
            if (scope.Access is not ("read" or "write")) return (null, "Each scope's access must be read or write.");
            if (scope.Repo is { Length: > 0 } == scope.Namespace is { Length: > 0 }) return (null, "Each scope names either a repo or a namespace.");
            if (scope.Repo is { } name)
            {
                var type = RepoTypes.FromName(scope.RepoType ?? "model");
                var repo = type is null ? null : await repos.FindAsync(type, name, ct);
                if (repo is null || !(await authorization.GetAsync(caller, repo, ct)).CanSee)
                    return (null, $"There is no {scope.RepoType ?? "model"} repository '{name}'.");
                result.Add(new TokenScope(TokenScope.Repo, repo.Id, $"{repo.Type}:{repo.FullName}", scope.Access));
                continue;
            }
            var ns = await accounts.FindNamespaceAsync(scope.Namespace!, ct);
            var memberships = await caller.GetMembershipsAsync(accounts, ct);
            if (ns is null || !(caller.User.IsAdmin || ns.Id == caller.User.Id || memberships.Any(m => m.OrganizationId == ns.Id)))
                return (null, $"You are not a member of '{scope.Namespace}'.");
            result.Add(new TokenScope(TokenScope.Namespace, ns.Id.ToString(CultureInfo.InvariantCulture), ns.Name, scope.Access));
        }
        return (TokenScopes.Create(result), null);
    }
}
