using System.Net;

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
        // Only the hub's own hook calls this, from this machine: over loopback, or to the one address the hub listens on.
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !(IPAddress.IsLoopback(remote) || remote.Equals(context.Connection.LocalIpAddress))) return TypedResults.NotFound();
        if (context.Request.Headers["X-Hub-Hook-Token"].FirstOrDefault() is not { Length: > 0 } token || hooks.Find(token) is not { } push)
            return TypedResults.NotFound();
        using var reader = new StreamReader(context.Request.Body);
        var updates = await reader.ReadToEndAsync(ct);
        var problems = await policy.CheckAsync(push.Repo, updates, context.Request.Headers["X-Git-Quarantine"].FirstOrDefault(), ct);
        push.Checked(updates, problems);
        return TypedResults.Text(problems.Count == 0 ? "ok" : "Push refused by Hub:\n" + string.Join("\n", problems.Select(p => "  - " + p)));
    }
}
