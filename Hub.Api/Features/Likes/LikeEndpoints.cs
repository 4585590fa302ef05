using System.Text.Json.Nodes;
using Hub.Api.Auth;
using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Likes;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Api.Features.Likes;

/// <summary>
/// Likes (hf-api.md §2.10): <c>POST|DELETE /api/{type}s/{id}/like</c>, <c>GET /api/{type}s/{id}/likers</c> and
/// <c>GET /api/users/{name}/likes</c>, in the shapes huggingface_hub's <c>like</c>, <c>unlike</c>,
/// <c>list_repo_likers</c> and <c>list_liked_repos</c> read. Lists page with a Link header (hf-api.md §1.6). Natively,
/// <c>GET /api/{type}s/{id}/like</c> says whether the caller likes the repository (the web UI's like button).
/// </summary>
public static class LikeEndpoints
{
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";
    private const int DefaultPage = 100;

    public static IEndpointRouteBuilder MapLikeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost(Repo + "/like", (HttpContext c, string segment, string ns, string name, RepoLookup l, ILikeStore s, TimeProvider t, CancellationToken ct) =>
            SetAsync(c, segment, ns, name, like: true, l, s, t, ct));
        app.MapDelete(Repo + "/like", (HttpContext c, string segment, string ns, string name, RepoLookup l, ILikeStore s, TimeProvider t, CancellationToken ct) =>
            SetAsync(c, segment, ns, name, like: false, l, s, t, ct));
        app.MapGet(Repo + "/like", LikeStatusAsync);
        app.MapGet(Repo + "/likers", LikersAsync);
        app.MapGet("/api/users/{user}/likes", UserLikesAsync);
        return app;
    }

    private static async Task<IResult> SetAsync(
        HttpContext context, string segment, string ns, string name, bool like, RepoLookup lookup, ILikeStore likes, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (caller.User is null) return HfErrors.Unauthorized("You must be logged in to like a repository.");
        if (!caller.CredentialAllowsWrite) return HfErrors.Forbidden("This is a read token: it cannot like or unlike. Use a write token.");
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var changed = like
            ? await likes.LikeAsync(caller.User.Id, found!.Repo.Id, time.GetUtcNow(), ct)
            : await likes.UnlikeAsync(caller.User.Id, found!.Repo.Id, ct);
        return TypedResults.Json(new { liked = like, changed });
    }

    /// <summary>Native: whether the caller likes the repository (false for anonymous callers), and its like count.</summary>
    private static async Task<IResult> LikeStatusAsync(
        HttpContext context, string segment, string ns, string name, RepoLookup lookup, ILikeStore likes, CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var user = context.GetCaller().User;
        var liked = user is not null && await likes.IsLikedAsync(user.Id, found!.Repo.Id, ct);
        return TypedResults.Json(new { liked, likes = found!.Repo.Likes });
    }

    private static async Task<IResult> LikersAsync(
        HttpContext context, string segment, string ns, string name, string? cursor, int? limit, RepoLookup lookup, ILikeStore likes, PublicUrls urls,
        CancellationToken ct)
    {
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        LikePage<LikerRecord> page;
        try
        {
            page = await likes.ListLikersAsync(found!.Repo.Id, cursor, limit ?? DefaultPage, ct);
        }
        catch (ArgumentException)
        {
            return HfErrors.BadRequest("The cursor is not one this hub issued for this listing.");
        }
        SetNextLink(context, urls, page.NextCursor);
        return TypedResults.Json(new JsonArray([.. page.Items.Select(l => new JsonObject
        {
            ["user"] = l.Name,
            ["fullname"] = l.FullName ?? l.Name,
            ["type"] = "user",
            ["isPro"] = false,
            ["avatarUrl"] = "",
            ["likedAt"] = HfJson.Date(l.LikedAt),
        })]));
    }

    private static async Task<IResult> UserLikesAsync(
        HttpContext context, string user, string? cursor, int? limit, IAccountStore accounts, ILikeStore likes, RepoAuthorization authorization,
        PublicUrls urls, CancellationToken ct)
    {
        var owner = await accounts.FindUserAsync(user, ct);
        if (owner is null) return new HfError(404, $"User {user} not found.");
        var viewer = await authorization.GetViewerAsync(context.GetCaller(), ct);
        LikePage<LikedRepositoryRecord> page;
        try
        {
            page = await likes.ListLikesOfUserAsync(owner.Id, viewer, cursor, limit ?? DefaultPage, ct);
        }
        catch (ArgumentException)
        {
            return HfErrors.BadRequest("The cursor is not one this hub issued for this listing.");
        }
        SetNextLink(context, urls, page.NextCursor);
        return TypedResults.Json(new JsonArray([.. page.Items.Select(l => new JsonObject
        {
            ["createdAt"] = HfJson.Date(l.LikedAt),
            ["repo"] = new JsonObject { ["name"] = l.FullName, ["type"] = l.Type },
        })]));
    }

    private static void SetNextLink(HttpContext context, PublicUrls urls, string? next)
    {
        if (next is null) return;
        var q = context.Request.Query;
        var url = QueryHelpers.AddQueryString(
            $"{urls.Base(context)}{context.Request.Path}",
            q.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v))).Append(KeyValuePair.Create("cursor", (string?)next)));
        context.Response.Headers.Link = $"<{url}>; rel=\"next\"";
    }
}
