using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Api.Auth;
using Hub.Api.Features.Files;
using Hub.Api.Features.Search;
using Hub.Api.Http;
using Hub.Storage.Metadata.Repositories;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Repos;

/// <summary><c>GET /api/models|datasets|spaces</c>: search, filters, sorts and Link pagination (hf-api.md §2.4, §1.6).</summary>
public static class RepoListEndpoints
{
    public static IEndpointRouteBuilder MapRepoListEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/{segment:regex(^(models|datasets|spaces)$)}", ListAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(
        HttpContext context, string segment, IRepositoryStore repos, RepoAuthorization authorization, RepoFiles files, PublicUrls urls,
        IOptions<RepoListOptions> options, ListResponseCache cache, DownloadCounter counter, IOptions<JsonOptions> jsonOptions, CancellationToken ct)
    {
        var type = RepoTypes.FromApiSegment(segment)!;
        var q = context.Request.Query;
        var sort = q["sort"].FirstOrDefault() switch
        {
            null or "" or "trendingScore" or "trending_score" => RepositorySort.TrendingScore,
            "downloads" => RepositorySort.Downloads,
            "likes" or "likes30d" => RepositorySort.Likes,
            "lastModified" or "last_modified" => RepositorySort.LastModified,
            "createdAt" or "created_at" => RepositorySort.CreatedAt,
            var other => (RepositorySort?)null,
        };
        if (sort is null) return HfErrors.BadRequest($"sort must be one of trendingScore, downloads, likes, lastModified, createdAt (got '{q["sort"]}').");
        if (q["direction"].FirstOrDefault() is { Length: > 0 } direction && direction != "-1")
            return HfErrors.BadRequest("Only descending order (direction=-1) is supported.");
        var maxPage = options.Value.MaxPageSize;
        var limit = maxPage;
        if (q["limit"].FirstOrDefault() is { Length: > 0 } limitText && (!int.TryParse(limitText, out limit) || limit < 1))
            return HfErrors.BadRequest("limit must be a positive integer.");
        var query = new RepositoryQuery(
            type,
            await authorization.GetViewerAsync(context.GetCaller(), ct),
            Search: string.Join(' ', q["search"].Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } s ? s : null,
            Author: q["author"].FirstOrDefault() is { Length: > 0 } a ? a : null,
            Tags: [.. q["filter"].Where(f => !string.IsNullOrEmpty(f)).Select(f => f!)],
            PipelineTag: q["pipeline_tag"].FirstOrDefault() is { Length: > 0 } p ? p : null,
            Gated: HfJson.ParseBool(q["gated"].FirstOrDefault()),
            Sort: sort.Value,
            Limit: Math.Min(limit, maxPage),
            Cursor: q["cursor"].FirstOrDefault(),
            Library: q["library"].FirstOrDefault() is { Length: > 0 } library ? library : null,
            License: q["license"].FirstOrDefault() is { Length: > 0 } license ? license : null,
            Language: q["language"].FirstOrDefault() is { Length: > 0 } language ? language : null);
        var full = RepoQueryString.Flag(context.Request, "full");
        var expand = RepoQueryString.Expand(context.Request);
        var fields = expand.Length > 0 ? expand.ToList() : [.. RepoJson.ListDefaults];
        if (full) fields.AddRange(["sha", "lastModified", "cardData", "siblings", "gated", "author"]);
        if (RepoQueryString.Flag(context.Request, "cardData")) fields.Add("cardData");
        if (RepoQueryString.Flag(context.Request, "config")) fields.Add("config");
        var written = fields.Distinct().ToArray();

        // Hot pages come from memory, byte for byte what the database path below writes (see ListResponseCache).
        var json = jsonOptions.Value.SerializerOptions;
        // Reads nothing of the request: another request missing the same page may wait for it.
        async Task<ListCacheEntry> ReadAsync(ListCacheFill fill, CancellationToken token)
        {
            var page = await repos.ListAsync(query, token);
            var items = new JsonArray();
            foreach (var repo in page.Items)
            {
                var siblings = written.Contains("siblings") && repo.HeadCommit is not null ? await files.ListAllFilesAsync(repo.Id, repo.HeadCommit, token) : null;
                items.Add(RepoJson.Create(counter.WithPending(repo), repo.HeadCommit, repo.LastModified, siblings, blobs: false, written));
            }
            return new ListCacheEntry(JsonSerializer.SerializeToUtf8Bytes(items, json), page.NextCursor, [.. page.Items.Select(r => r.Id)], fill);
        }
        try
        {
            var entry = cache.Enabled
                ? await cache.GetOrReadAsync(ListCacheKey.Of(query, written), ReadAsync, ct)
                : await ReadAsync(cache.BeginFill(), ct);
            return Page(context, urls, entry.Body, entry.NextCursor);
        }
        catch (ArgumentException)
        {
            return HfErrors.BadRequest("The cursor is not one this hub issued for this listing.");
        }
    }

    private static IResult Page(HttpContext context, PublicUrls urls, byte[] body, string? nextCursor)
    {
        if (nextCursor is not null)
        {
            var next = QueryHelpers.AddQueryString(
                $"{urls.Base(context)}{context.Request.Path}",
                context.Request.Query.Where(kv => kv.Key != "cursor").SelectMany(kv => kv.Value.Select(v => KeyValuePair.Create(kv.Key, v))).Append(KeyValuePair.Create("cursor", (string?)nextCursor)));
            context.Response.Headers.Link = $"<{next}>; rel=\"next\"";
        }
        return TypedResults.Bytes(body, "application/json; charset=utf-8");
    }
}
