using System.Net;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// <c>POST /internal/git/pre-receive</c> and <c>/internal/git/post-receive</c>: called by the hub's own hooks on loopback
/// (see <see cref="PushHooks"/>).
/// </summary>
public static class PushHookEndpoints
{
    public static IEndpointRouteBuilder MapPushHookEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/internal/git/pre-receive", PreReceiveAsync).DisableRequestTimeout().ExcludeFromDescription();
        app.MapPost("/internal/git/post-receive", PostReceiveAsync).ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> PreReceiveAsync(HttpContext context, PushHooks hooks, PushPolicy policy, CancellationToken ct)
    {
        if (Find(context, hooks) is not { } push) return TypedResults.NotFound();
        var updates = await ReadAsync(context, ct);
        var problems = await policy.CheckAsync(push.Repo, updates, context.Request.Headers["X-Git-Quarantine"].FirstOrDefault(), ct);
        push.Checked(updates, problems);
        return TypedResults.Text(problems.Count == 0 ? "ok" : "Push refused by Hub:\n" + string.Join("\n", problems.Select(p => "  - " + p)));
    }

    private static async Task<IResult> PostReceiveAsync(HttpContext context, PushHooks hooks, CancellationToken ct)
    {
        if (Find(context, hooks) is not { } push) return TypedResults.NotFound();
        push.Applied(await ReadAsync(context, ct));
        return TypedResults.Text("ok");
    }

    /// <summary>The push a hook call belongs to: only the hub's own hooks, from this machine (over loopback, or to the one address the hub listens on), with the push's token.</summary>
    private static PushSession? Find(HttpContext context, PushHooks hooks)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null || !(IPAddress.IsLoopback(remote) || remote.Equals(context.Connection.LocalIpAddress))) return null;
        return context.Request.Headers["X-Hub-Hook-Token"].FirstOrDefault() is { Length: > 0 } token ? hooks.Find(token) : null;
    }

    private static async Task<string> ReadAsync(HttpContext context, CancellationToken ct)
    {
        using var reader = new StreamReader(context.Request.Body);
        return await reader.ReadToEndAsync(ct);
    }
}
