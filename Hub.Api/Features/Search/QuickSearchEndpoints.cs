using System.Text.Json.Nodes;
using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Search;

/// <summary>
/// <c>GET /api/quicksearch?q=&amp;type=&amp;limit=</c>: the search box's suggestions, a few most-downloaded matches of
/// each repository type (huggingface.co's shape: <c>{q, models: [{id}], datasets: [{id}], spaces: [{id}]}</c>).
/// Matching is the list's: id substring or card words (<see cref="SearchText"/>).
/// </summary>
public static class QuickSearchEndpoints
{
    private const int DefaultLimit = 5;
    private const int MaxLimit = 20;

    public static IEndpointRouteBuilder MapQuickSearchEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/quicksearch", QuickSearchAsync);
        return app;
    }

    private static async Task<IResult> QuickSearchAsync(
        HttpContext context, string? q, string[]? type, int? limit, IRepositoryStore repos, RepoAuthorization authorization, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(q)) return HfErrors.BadRequest("q is required.");
        if (q.Length > 200) return HfErrors.BadRequest("q has at most 200 characters.");
        var types = type is { Length: > 0 } ? type : RepoTypes.All;
        if (types.Any(t => !RepoTypes.All.Contains(t))) return HfErrors.BadRequest("type must be model, dataset or space.");
        var viewer = await authorization.GetViewerAsync(context.GetCaller(), ct);
        var result = new JsonObject { ["q"] = q };
        foreach (var t in RepoTypes.All)
        {
            if (!types.Contains(t)) continue;
            var page = await repos.ListAsync(
                new RepositoryQuery(t, viewer, Search: q, Sort: RepositorySort.Downloads, Limit: Math.Clamp(limit ?? DefaultLimit, 1, MaxLimit)), ct);
            result[RepoTypes.ApiSegment(t)] = new JsonArray([.. page.Items.Select(r => new JsonObject { ["id"] = r.FullName, ["_id"] = r.Id })]);
        }
        return TypedResults.Json(result);
    }
}
