using Microsoft.AspNetCore.Http;

namespace Hub.Web.Api;

/// <summary>The signed-in user of the request being rendered, asked of the API once per request.</summary>
public sealed class CurrentUser(HubApiClient api, IHttpContextAccessor accessor)
{
    private Task<WhoAmI?>? user;

    public Task<WhoAmI?> GetAsync(CancellationToken ct) => user ??= LoadAsync(ct);

    private async Task<WhoAmI?> LoadAsync(CancellationToken ct)
    {
        var request = accessor.HttpContext?.Request;
        // Without a cookie or an Authorization header the caller is anonymous: no need to ask.
        if (request is null || (request.Headers.Cookie.Count == 0 && request.Headers.Authorization.Count == 0)) return null;
        return await api.WhoAmIAsync(ct);
    }
}
