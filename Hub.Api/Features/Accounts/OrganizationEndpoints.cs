using Hub.Api.Auth;
using Hub.Api.Features.Operations;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;

namespace Hub.Api.Features.Accounts;

/// <summary>Organizations and their members with read/write/admin roles.</summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/organizations/new", CreateAsync);
        app.MapGet("/api/organizations/{name}/members", MembersAsync);
        app.MapPut("/api/organizations/{name}/members", SetMemberAsync);
        app.MapDelete("/api/organizations/{name}/members/{user}", RemoveMemberAsync);
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext context, IAccountStore accounts, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be signed in.");
        if (!caller.CredentialAllowsWrite) return HfErrors.Forbidden("A read token cannot create organizations.");
        var (body, error) = await JsonBody.ReadAsync<OrganizationRequest>(context.Request, ct, 64 * 1024);
        if (error is not null) return error;
        if (Names.ValidateNamespace(body!.Name) is { } nameError) return HfErrors.BadRequest(nameError);
        if (body.FullName is { Length: > 256 }) return HfErrors.BadRequest("A full name has at most 256 characters.");
        try
        {
            var org = await accounts.CreateOrganizationAsync(body.Name!, body.FullName, caller.User.Id, ct);
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "org.create", org.Name, null, context.Connection.RemoteIpAddress?.ToString()), ct);
            return TypedResults.Ok(new { name = org.Name });
        }
        catch (NameTakenException)
        {
            return HfErrors.Conflict($"The name '{body.Name}' is already taken.");
        }
    }

    private static async Task<IResult> MembersAsync(HttpContext context, string name, IAccountStore accounts, CancellationToken ct)
    {
        var org = await accounts.FindNamespaceAsync(name, ct);
        if (org is not { Type: NamespaceType.Organization }) return new HfError(404, $"There is no organization named '{name}'.");
        var members = await accounts.ListMembersAsync(org.Id, ct);
        return TypedResults.Json(members.Select(m => new { user = m.UserName, role = m.Role }));
    }

    private static async Task<IResult> SetMemberAsync(HttpContext context, string name, IAccountStore accounts, IAuditLog audit, TimeProvider time, ClusterLocks locks, CancellationToken ct)
    {
        // Member changes of one organization one at a time, in every hub process: the last-admin check and the write
        // must not interleave (two admins demoting each other at once would both pass the check).
        await using var held = await locks.AcquireAsync(MembersLock(name), ct);
        var (org, denied) = await RequireOrgAdminAsync(context, name, accounts, ct);
        if (denied is not null) return denied;
        var (body, error) = await JsonBody.ReadAsync<OrganizationRequest>(context.Request, ct, 64 * 1024);
        if (error is not null) return error;
        if (body!.Role is not ("read" or "write" or "admin")) return HfErrors.BadRequest("role must be read, write or admin.");
        var user = body.User is null ? null : await accounts.FindUserAsync(body.User, ct);
        if (user is null) return HfErrors.BadRequest($"There is no user named '{body.User}'.");
        if (body.Role != "admin" && await IsLastAdminAsync(accounts, org!, user.Name, ct)) return LastAdmin(org!);
        await accounts.SetMembershipAsync(org!.Id, user.Id, body.Role, ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), context.GetCaller().User!.Id, "org.member.set", org.Name, $"{user.Name}={body.Role}", context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Ok(new { });
    }

    private static async Task<IResult> RemoveMemberAsync(HttpContext context, string name, string user, IAccountStore accounts, IAuditLog audit, TimeProvider time, ClusterLocks locks, CancellationToken ct)
    {
        await using var held = await locks.AcquireAsync(MembersLock(name), ct);
        var (org, denied) = await RequireOrgAdminAsync(context, name, accounts, ct);
        if (denied is not null) return denied;
        var member = await accounts.FindUserAsync(user, ct);
        if (member is null) return HfErrors.BadRequest($"There is no user named '{user}'.");
        if (await IsLastAdminAsync(accounts, org!, member.Name, ct)) return LastAdmin(org!);
        await accounts.RemoveMembershipAsync(org!.Id, member.Id, ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), context.GetCaller().User!.Id, "org.member.remove", org.Name, member.Name, context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Ok(new { });
    }

    private static string MembersLock(string organization) => "org-members:" + organization.ToUpperInvariant();

    /// <summary>Whether <paramref name="user"/> is the organization's only admin: demoting or removing them would leave nobody to manage it.</summary>
    private static async Task<bool> IsLastAdminAsync(IAccountStore accounts, NamespaceRecord org, string user, CancellationToken ct)
    {
        var admins = (await accounts.ListMembersAsync(org.Id, ct)).Where(m => m.Role == "admin").ToList();
        return admins.Count == 1 && string.Equals(admins[0].UserName, user, StringComparison.OrdinalIgnoreCase);
    }

    private static HfError LastAdmin(NamespaceRecord org) =>
        HfErrors.Conflict($"{org.Name} would have no admin left: make another member admin first.");

    private static async Task<(NamespaceRecord? Org, IResult? Denied)> RequireOrgAdminAsync(HttpContext context, string name, IAccountStore accounts, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return (null, HfErrors.Unauthorized("You must be signed in."));
        var org = await accounts.FindNamespaceAsync(name, ct);
        if (org is not { Type: NamespaceType.Organization }) return (null, new HfError(404, $"There is no organization named '{name}'."));
        var memberships = await caller.GetMembershipsAsync(accounts, ct);
        var isAdmin = caller.IsAdmin || memberships.Any(m => m.OrganizationId == org.Id && m.Role == "admin");
        return isAdmin && caller.CredentialAllowsWrite ? (org, null) : (null, HfErrors.Forbidden($"Only admins of {org.Name} can change its members."));
    }
}
