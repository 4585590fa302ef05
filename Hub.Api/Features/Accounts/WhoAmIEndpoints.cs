using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Features.Accounts;

/// <summary><c>GET /api/whoami-v2</c> exactly as hf-api.md §2.1 shapes it.</summary>
public static class WhoAmIEndpoints
{
    public static IEndpointRouteBuilder MapWhoAmIEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/whoami-v2", WhoAmIAsync);
        app.MapAvatarEndpoints();
        return app;
    }

    private static async Task<IResult> WhoAmIAsync(HttpContext context, IAccountStore accounts, PublicUrls urls, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is not { } user) return HfErrors.Unauthorized();
        var orgs = await caller.GetMembershipsAsync(accounts, ct);
        var token = caller.Token;
        return TypedResults.Json(new
        {
            type = "user",
            id = user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            name = user.Name,
            fullname = user.FullName ?? user.Name,
            email = user.Email,
            emailVerified = false,
            isPro = false,
            canPay = false,
            avatarUrl = Avatars.Url(urls.Base(context), user.Name),
            periodEnd = (long?)null,
            isAdmin = user.IsAdmin,
            orgs = orgs.Select(o => new
            {
                type = "org",
                id = o.OrganizationId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                name = o.OrganizationName,
                fullname = o.OrganizationName,
                email = (string?)null,
                canPay = false,
                avatarUrl = Avatars.Url(urls.Base(context), o.OrganizationName),
                periodEnd = (long?)null,
                roleInOrg = o.Role,
            }),
            auth = token is null
                ? (object)new { type = "session" }
                : new
                {
                    type = "access_token",
                    // fineGrained only on fine-grained tokens, as huggingface.co: a null there would read as "no scopes".
                    accessToken = caller.IsFineGrained
                        ? (object)new { displayName = token.DisplayName, role = token.Role, createdAt = HfJson.Date(token.CreatedAt), fineGrained = FineGrainedJson.Create(user, caller.Scopes) }
                        : new { displayName = token.DisplayName, role = token.Role, createdAt = HfJson.Date(token.CreatedAt) },
                },
        });
    }
}
