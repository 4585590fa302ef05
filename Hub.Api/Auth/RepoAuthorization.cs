using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Gating;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Auth;

/// <summary>
/// The one authorization policy for repositories (user/org role × visibility × gating × token role and scopes), used
/// by every surface: API, resolve, lists and search, LFS, git, inference.
/// </summary>
/// <remarks>
/// Roles: site admins and the owning user hold admin; organization members hold their role (read, write, admin).
/// Private repositories exist only for holders of a role. Gated repositories show their metadata to everyone who can
/// see them, but files only to role holders and to users whose access request was accepted (<c>auto</c> gating
/// accepts on request, <c>manual</c> waits for a repository admin). Read tokens never write. A fine-grained token acts
/// only on the repositories and namespaces it names: elsewhere its user has no role and no granted access, so private
/// repositories do not exist for it and gated files stay closed.
/// </remarks>
public sealed class RepoAuthorization(IAccountStore accounts, IAccessRequestStore accessRequests, IRepositoryStore repositories)
{
    public async Task<RepoPermissions> GetAsync(HubCaller caller, RepositoryRecord repo, CancellationToken cancellationToken)
    {
        var role = await GetRoleAsync(caller, repo, cancellationToken);
        var credentialWrites = caller.CredentialAllowsWrite;
        var mayUseGrant = caller.IsAuthenticated;
        if (caller.IsFineGrained)
        {
            var access = caller.Scopes.AccessTo(repo);
            if (access is null)
            {
                role = null;
                mayUseGrant = false;
            }
            credentialWrites = access == "write";
        }
        if (repo.Private && role is null) return RepoPermissions.None;
        var canRead = repo.Gated is not ("auto" or "manual") || role is not null
                      || (mayUseGrant && await IsGrantedAsync(caller.User!, repo, cancellationToken));
        var write = credentialWrites && role is "write" or "admin";
        var admin = credentialWrites && role is "admin";
        return new RepoPermissions(true, canRead, write, admin);
    }

    /// <summary>May the caller create or own repositories in <paramref name="ns"/>?</summary>
    public async Task<bool> CanWriteNamespaceAsync(HubCaller caller, NamespaceRecord ns, CancellationToken cancellationToken)
    {
        if (caller.User is null) return false;
        if (caller.IsFineGrained)
        {
            if (caller.Scopes.AccessToNamespace(ns.Id) != "write") return false;
        }
        else if (!caller.CredentialAllowsWrite)
        {
            return false;
        }
        if (caller.User.IsAdmin || ns.Id == caller.User.Id) return true;
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        return memberships.Any(m => m.OrganizationId == ns.Id && m.Role is "write" or "admin");
    }

    /// <summary>The namespaces (and, for fine-grained tokens, repositories) whose private repositories the caller may list.</summary>
    public async Task<RepositoryViewer> GetViewerAsync(HubCaller caller, CancellationToken cancellationToken)
    {
        if (caller.User is null) return RepositoryViewer.Anonymous;
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        long[] own = [caller.User.Id, .. memberships.Select(m => m.OrganizationId)];
        if (!caller.IsFineGrained) return new RepositoryViewer(caller.User.Id, own, caller.IsAdmin);
        var scoped = caller.Scopes.NamespaceIds;
        // A fine-grained token of a site admin sees private repositories of the namespaces it names, even without membership.
        var namespaces = caller.User.IsAdmin ? scoped : [.. own.Where(scoped.Contains)];
        // Named repositories count only while the user still holds a role there (membership can be withdrawn, repos moved).
        var repositoryIds = new List<string>();
        foreach (var id in caller.Scopes.RepositoryIds)
        {
            if (await repositories.GetAsync(id, cancellationToken) is { } repo && await GetRoleAsync(caller, repo, cancellationToken) is not null)
                repositoryIds.Add(id);
        }
        return new RepositoryViewer(caller.User.Id, namespaces, false, repositoryIds);
    }

    private async Task<bool> IsGrantedAsync(UserRecord user, RepositoryRecord repo, CancellationToken cancellationToken) =>
        (await accessRequests.GetAsync(repo.Id, user.Id, cancellationToken))?.Status == AccessRequestStatus.Accepted;

    private async Task<string?> GetRoleAsync(HubCaller caller, RepositoryRecord repo, CancellationToken cancellationToken)
    {
        if (caller.User is null) return null;
        if (caller.User.IsAdmin || repo.NamespaceId == caller.User.Id) return "admin";
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        return memberships.FirstOrDefault(m => m.OrganizationId == repo.NamespaceId)?.Role;
    }
}
