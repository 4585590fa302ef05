using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Auth;

/// <summary>
/// The one authorization policy for repositories (user/org role × visibility × gating × token role), used by every
/// surface: API, resolve, LFS, git.
/// </summary>
/// <remarks>
/// Roles: site admins and the owning user hold admin; organization members hold their role (read, write, admin).
/// Private repositories exist only for holders of a role. Gated repositories show their metadata to everyone who can
/// see them, but files only to role holders and, for <c>auto</c> gating, to any signed-in user (access is granted on
/// request automatically); <c>manual</c> gating admits role holders only until access requests are built. Read tokens
/// never write.
/// </remarks>
public sealed class RepoAuthorization(IAccountStore accounts)
{
    public async Task<RepoPermissions> GetAsync(HubCaller caller, RepositoryRecord repo, CancellationToken cancellationToken)
    {
        var role = await GetRoleAsync(caller, repo, cancellationToken);
        var canSee = !repo.Private || role is not null;
        if (!canSee) return RepoPermissions.None;
        var canRead = repo.Gated switch
        {
            "auto" => role is not null || caller.IsAuthenticated,
            "manual" => role is not null,
            _ => true,
        };
        var write = caller.CredentialAllowsWrite && role is "write" or "admin";
        var admin = caller.CredentialAllowsWrite && role is "admin";
        return new RepoPermissions(true, canRead, write, admin);
    }

    /// <summary>May the caller create or own repositories in <paramref name="ns"/>?</summary>
    public async Task<bool> CanWriteNamespaceAsync(HubCaller caller, NamespaceRecord ns, CancellationToken cancellationToken)
    {
        if (!caller.CredentialAllowsWrite || caller.User is null) return false;
        if (caller.IsAdmin || ns.Id == caller.User.Id) return true;
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        return memberships.Any(m => m.OrganizationId == ns.Id && m.Role is "write" or "admin");
    }

    /// <summary>The namespaces whose private repositories the caller may list.</summary>
    public async Task<RepositoryViewer> GetViewerAsync(HubCaller caller, CancellationToken cancellationToken)
    {
        if (caller.User is null) return RepositoryViewer.Anonymous;
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        return new RepositoryViewer(caller.User.Id, [caller.User.Id, .. memberships.Select(m => m.OrganizationId)], caller.IsAdmin);
    }

    private async Task<string?> GetRoleAsync(HubCaller caller, RepositoryRecord repo, CancellationToken cancellationToken)
    {
        if (caller.User is null) return null;
        if (caller.IsAdmin || repo.NamespaceId == caller.User.Id) return "admin";
        var memberships = await caller.GetMembershipsAsync(accounts, cancellationToken);
        return memberships.FirstOrDefault(m => m.OrganizationId == repo.NamespaceId)?.Role;
    }
}
