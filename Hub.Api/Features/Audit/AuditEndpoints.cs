using System.Globalization;
using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Api.Features.Audit;

/// <summary>
/// <c>GET /api/admin/audit?actor=&amp;action=&amp;before=&amp;limit=</c>: the audit log for site admins, newest first,
/// with a <c>Link: rel="next"</c> to the following page (<c>before</c> = the last entry's time).
/// </summary>
public static class AuditEndpoints
{
    public static IEndpointRouteBuilder MapAuditEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/audit", QueryAsync);
        return app;
    }

    private static async Task<IResult> QueryAsync(
        HttpContext context, string? actor, string? action, string? before, int? limit, IAuditLog audit, IAccountStore accounts, PublicUrls urls, CancellationToken ct)
    {
        if (AdminGate.Refuse(context.GetCaller(), write: false) is { } refused) return refused;
        if (limit is < 1 or > 1000) return HfErrors.BadRequest("limit must be between 1 and 1000.");
        DateTimeOffset? beforeAt = null;
        if (before is { Length: > 0 })
        {
            if (!DateTimeOffset.TryParse(before, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                return HfErrors.BadRequest("before must be an ISO 8601 date and time.");
            beforeAt = parsed;
        }
        long? actorId = null;
        if (actor is { Length: > 0 })
        {
            var user = await accounts.FindUserAsync(actor, ct);
            if (user is null) return TypedResults.Json(Array.Empty<object>());
            actorId = user.Id;
        }
        var take = limit ?? 100;
        var entries = await audit.QueryAsync(actorId, action is { Length: > 0 } ? action : null, beforeAt, take, ct);
        var names = new Dictionary<long, string?>();
        foreach (var id in entries.Select(e => e.ActorUserId).OfType<long>().Distinct())
            names[id] = (await accounts.GetUserAsync(id, ct))?.Name;
        if (entries.Count == take)
        {
            var query = context.Request.Query.Where(kv => kv.Key != "before")
                .SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v)))
                .Append(KeyValuePair.Create("before", (string?)HfJson.Date(entries[^1].At)));
            context.Response.Headers.Link = $"<{QueryHelpers.AddQueryString(urls.Base(context) + context.Request.Path, query)}>; rel=\"next\"";
        }
        return TypedResults.Json(entries.Select(e => new
        {
            at = HfJson.Date(e.At),
            actor = e.ActorUserId is { } id ? names.GetValueOrDefault(id) : null,
            actorId = e.ActorUserId,
            action = e.Action,
            target = e.Target,
            details = e.Details,
            remoteAddress = e.RemoteAddress,
        }));
    }
}
