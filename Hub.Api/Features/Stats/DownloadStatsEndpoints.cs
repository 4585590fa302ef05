using System.Globalization;
using Hub.Api.Features.Repos;
using Hub.Api.Features.Search;
using Hub.Api.Http;
using Hub.Storage.Metadata.Stats;

namespace Hub.Api.Features.Stats;

/// <summary>
/// Native: <c>GET /api/{models|datasets|spaces}/{id}/downloads?days=30</c> answers the repository's daily downloads,
/// oldest first, one entry per UTC day up to today with days without downloads as 0 (<c>[{date, downloads}]</c>), for
/// the repo page's chart. Whoever may see the repository may read it (<see cref="RepoLookup"/>, as repo info).
/// </summary>
public static class DownloadStatsEndpoints
{
    public const int MaxDays = 365;
    private const string Repo = "/api/{segment:regex(^(models|datasets|spaces)$)}/{ns}/{name}";

    public static IEndpointRouteBuilder MapDownloadStatsEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet(Repo + "/downloads", DailyAsync);
        return app;
    }

    private static async Task<IResult> DailyAsync(
        HttpContext context, string segment, string ns, string name, string? days, RepoLookup lookup, IRepositoryStatsStore stats,
        DownloadCounter counter, TimeProvider time, CancellationToken ct)
    {
        var count = 30;
        if (days is { Length: > 0 } && (!int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out count) || count is < 1 or > MaxDays))
            return HfErrors.BadRequest($"days must be a whole number from 1 to {MaxDays}.");
        var (found, error) = await lookup.FindAsync(context, RepoTypes.FromApiSegment(segment)!, ns, name, RepoNeed.See, ct);
        if (error is not null) return error;
        var repoId = found!.Repo.Id;
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var from = today.AddDays(-(count - 1));
        var stored = (await stats.ListDailyDownloadsAsync(repoId, from, today, ct)).ToDictionary(d => d.Day, d => d.Count);
        var series = new List<DailyDownloads>(count);
        for (var day = from; day <= today; day = day.AddDays(1))
            series.Add(new DailyDownloads(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), stored.GetValueOrDefault(day) + counter.Pending(repoId, day)));
        return TypedResults.Json(series);
    }
}
