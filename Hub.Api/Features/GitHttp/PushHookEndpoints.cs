using System.Net;
using System.Net.Http.Headers;

namespace Hub.Api.Features.GitHttp;

/// <summary><c>POST /internal/git/pre-receive</c>: called by the hub's own pre-receive hook on loopback (see <see cref="PushHooks"/>).</summary>
public static class PushHookEndpoints
{
    public static IEndpointRouteBuilder MapPushHookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/git/pre-receive", PreReceiveAsync).DisableRequestTimeout().ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PreReceiveAsync(HttpContext context, PushHooks hooks, PushPolicy policy, CancellationToken ct)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !IPAddress.IsLoopback(remote)) return TypedResults.NotFound();
        if (!AuthenticationHeaderValue.TryParse(context.Request.Headers.Authorization.ToString(), out var auth) || auth.Parameter is null
            || hooks.Find(auth.Parameter) is not { } repo)
            return TypedResults.NotFound();
        using var reader = new StreamReader(context.Request.Body);
        var updates = await reader.ReadToEndAsync(ct);
        var problems = await policy.CheckAsync(repo, updates, context.Request.Headers["X-Git-Quarantine"].FirstOrDefault(), ct);
        return problems.Count == 0
            ? TypedResults.Text("")
            : TypedResults.Text("Push refused by Hub:\n" + string.Join("\n", problems.Select(p => "  - " + p)) + "\n", statusCode: 403);
    }
}
