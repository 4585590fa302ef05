using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;

namespace Hub.Api.Features.Accounts;

/// <summary>The caller's access tokens: list, create (secret shown once), revoke.</summary>
public static class TokenEndpoints
{
    public static IEndpointRouteBuilder MapTokenEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/settings/tokens");
        group.MapGet("", ListAsync);
        group.MapPost("", CreateAsync);
        group.MapDelete("/{id:long}", RevokeAsync);
        return app;
    }

    private static object Describe(AccessTokenRecord t) => new
    {
        id = t.Id,
        displayName = t.DisplayName,
        role = t.Role,
        prefix = t.Prefix,
        createdAt = HfJson.Date(t.CreatedAt),
        lastUsedAt = t.LastUsedAt is { } u ? HfJson.Date(u) : null,
        expiresAt = t.ExpiresAt is { } e ? HfJson.Date(e) : null,
        revoked = t.RevokedAt is not null,
        scopes = t.Role == "fineGrained" ? TokenScopes.Parse(t.Scopes).Items.Select(s => new { type = s.Type, name = s.Name, access = s.Access }) : null,
    };

    private static async Task<IResult> ListAsync(HttpContext context, IAccessTokenStore tokens, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be signed in.");
        var list = await tokens.ListAsync(caller.User.Id, ct);
        return TypedResults.Json(list.Where(t => t.Role != WebSessions.Role).Select(Describe));
    }

    private static async Task<IResult> CreateAsync(HttpContext context, AccountService service, TokenScopeResolver scopeResolver, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be signed in.");
        if (!caller.CredentialAllowsWrite) return HfErrors.Forbidden("A read token cannot create tokens.");
        var (body, error) = await JsonBody.ReadAsync<TokenRequest>(context.Request, ct, 64 * 1024);
        if (error is not null) return error;
        var name = body!.DisplayName?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 128) return HfErrors.BadRequest("displayName is required (at most 128 characters).");
        var role = body.Role ?? "read";
        if (role is not ("read" or "write" or "fineGrained")) return HfErrors.BadRequest("role must be read, write or fineGrained.");
        if (body.ExpiresInDays is <= 0 or > 3650) return HfErrors.BadRequest("expiresInDays must be between 1 and 3650.");
        string? scopes = null;
        if (role == "fineGrained")
        {
            var (resolved, scopeError) = await scopeResolver.ResolveAsync(caller, body.Scopes, ct);
            if (scopeError is not null) return HfErrors.BadRequest(scopeError);
            scopes = resolved!.ToJson();
        }
        else if (body.Scopes is { Count: > 0 })
        {
            return HfErrors.BadRequest("scopes apply to fineGrained tokens only.");
        }
        var (token, secret) = await service.CreateTokenAsync(caller.User.Id, name, role, body.ExpiresInDays is { } d ? TimeSpan.FromDays(d) : null, ct, scopes);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "token.create", token.Prefix, scopes is null ? role : $"{role} {scopes}", context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Ok(new { token = secret, info = Describe(token) });
    }

    private static async Task<IResult> RevokeAsync(HttpContext context, long id, IAccessTokenStore tokens, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be signed in.");
        if (!caller.CredentialAllowsWrite) return HfErrors.Forbidden("A read token cannot revoke tokens.");
        if (!await tokens.RevokeAsync(caller.User.Id, id, time.GetUtcNow(), ct))
            return new HfError(404, $"You have no token {id}.");
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User.Id, "token.revoke", id.ToString(System.Globalization.CultureInfo.InvariantCulture), null, context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Ok(new { });
    }
}
