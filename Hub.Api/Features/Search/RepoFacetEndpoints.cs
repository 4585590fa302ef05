using Hub.Api.Auth;
using Hub.Api.Http;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Search;

/// <summary>
/// Native: <c>GET /api/{models|datasets|spaces}/facets</c> with the list's filters (<c>search</c>, <c>author</c>,
/// <c>filter</c>, <c>pipeline_tag</c>, <c>library</c>, <c>license</c>, <c>language</c>, <c>gated</c>) and <c>top</c>
/// (default 10) answers, per facet, the most common values among the repositories the same list call would return, each
/// counted with the other filters applied (<see cref="IRepositoryFacetStore"/>):
/// <c>{"pipeline_tag":[{"value":"fill-mask","count":3}],"library":[…],"license":[…],"language":[…],"author":[…]}</c>.
/// </summary>
public static class RepoFacetEndpoints
{
    public static IEndpointRouteBuilder MapRepoFacetEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/{segment:regex(^(models|datasets|spaces)$)}/facets", FacetsAsync);
        return app;
    }

    private static async Task<IResult> FacetsAsync(
        HttpContext context, string segment, IRepositoryFacetStore facets, RepoAuthorization authorization, CancellationToken ct)
    {
        var q = context.Request.Query;
        var top = 10;
        if (q["top"].FirstOrDefault() is { Length: > 0 } topText && (!int.TryParse(topText, out top) || top is < 1 or > 100))
            return HfErrors.BadRequest("top must be a whole number from 1 to 100.");
        var query = new RepositoryQuery(
            RepoTypes.FromApiSegment(segment)!,
            await authorization.GetViewerAsync(context.GetCaller(), ct),
            Search: string.Join(' ', q["search"].Where(s => !string.IsNullOrEmpty(s))) is { Length: > 0 } s ? s : null,
            Author: Single(q["author"]),
            Tags: [.. q["filter"].Where(f => !string.IsNullOrEmpty(f)).Select(f => f!)],
            PipelineTag: Single(q["pipeline_tag"]),
            Gated: HfJson.ParseBool(q["gated"].FirstOrDefault()),
            Library: Single(q["library"]),
            License: Single(q["license"]),
            Language: Single(q["language"]));
        var counted = await facets.CountAsync(query, top, ct);
        return TypedResults.Json(new Dictionary<string, IEnumerable<FacetValue>>
        {
            ["pipeline_tag"] = counted.Tasks.Select(FacetValue.Of),
            ["library"] = counted.Libraries.Select(FacetValue.Of),
            ["license"] = counted.Licenses.Select(FacetValue.Of),
            ["language"] = counted.Languages.Select(FacetValue.Of),
            ["author"] = counted.Authors.Select(FacetValue.Of),
        });
    }

    private static string? Single(Microsoft.Extensions.Primitives.StringValues values) => values.FirstOrDefault() is { Length: > 0 } v ? v : null;
}
