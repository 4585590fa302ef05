using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Stats;

internal sealed class RepositoryStatsStore(IHubDbContextFactory factory, MetadataChanges changes) : IRepositoryStatsStore
{
    public const int WindowDays = 30;

    public async Task RecordDownloadAsync(string repositoryId, DateOnly day, CancellationToken cancellationToken, long count = 1)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.InTransactionAsync(async ct =>
        {
            // One statement per counter, each atomic on both providers, so concurrent downloads never lose a count.
            await db.Database.ExecuteSqlAsync(
                $"INSERT INTO daily_downloads (repository_id, day, count) VALUES ({repositoryId}, {day}, {count}) ON CONFLICT (repository_id, day) DO UPDATE SET count = daily_downloads.count + {count}",
                ct);
            await db.Repositories.Where(r => r.Id == repositoryId).ExecuteUpdateAsync(
                s => s.SetProperty(r => r.Downloads, r => r.Downloads + count).SetProperty(r => r.DownloadsAllTime, r => r.DownloadsAllTime + count), ct);
            return true;
        }, cancellationToken);
    }

    public async Task<IReadOnlyList<DailyDownloadRecord>> ListDailyDownloadsAsync(string repositoryId, DateOnly from, DateOnly to, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.DailyDownloads.AsNoTracking()
            .Where(d => d.RepositoryId == repositoryId && d.Day >= from && d.Day <= to)
            .OrderBy(d => d.Day)
            .Select(d => new { d.Day, d.Count })
            .ToListAsync(cancellationToken);
        return rows.ConvertAll(r => new DailyDownloadRecord(r.Day, r.Count));
    }

    public async Task<int> RecomputeAsync(DateOnly today, CancellationToken cancellationToken)
    {
        var from30 = today.AddDays(-(WindowDays - 1));
        var from7 = today.AddDays(-(TrendingScore.Days - 1));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        // 30-day downloads, set-based: the sum is taken when each row is written, so a download counted meanwhile is
        // never lost. Only rows that have a count or had one are touched.
        var changed = await db.Repositories
            .Where(r => r.Downloads != db.DailyDownloads.Where(d => d.RepositoryId == r.Id && d.Day >= from30 && d.Day <= today).Sum(d => d.Count))
            .ExecuteUpdateAsync(s => s.SetProperty(
                r => r.Downloads,
                r => db.DailyDownloads.Where(d => d.RepositoryId == r.Id && d.Day >= from30 && d.Day <= today).Sum(d => d.Count)), cancellationToken);

        // Trending: computed here (identical doubles on both providers), written where it changed.
        var downloads = await db.DailyDownloads.AsNoTracking()
            .Where(d => d.Day >= from7 && d.Day <= today)
            .Select(d => new { d.RepositoryId, d.Day, d.Count })
            .ToListAsync(cancellationToken);
        var likeFrom = from7.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var likeTo = today.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var likes = await db.Likes.AsNoTracking()
            .Where(l => l.CreatedAt >= likeFrom && l.CreatedAt < likeTo)
            .Select(l => new { l.RepositoryId, l.CreatedAt })
            .ToListAsync(cancellationToken);
        var activity = new Dictionary<string, (long[] Downloads, long[] Likes)>(StringComparer.Ordinal);
        (long[] Downloads, long[] Likes) Of(string id) =>
            activity.TryGetValue(id, out var a) ? a : activity[id] = (new long[TrendingScore.Days], new long[TrendingScore.Days]);
        foreach (var d in downloads)
            Of(d.RepositoryId).Downloads[today.DayNumber - d.Day.DayNumber] += d.Count;
        foreach (var l in likes)
            Of(l.RepositoryId).Likes[today.DayNumber - DateOnly.FromDateTime(l.CreatedAt).DayNumber]++;
        var scores = activity.ToDictionary(kv => kv.Key, kv => TrendingScore.Compute(kv.Value.Downloads, kv.Value.Likes), StringComparer.Ordinal);

        var current = await db.Repositories.AsNoTracking()
            .Where(r => r.TrendingScore != 0)
            .Select(r => new { r.Id, r.TrendingScore })
            .ToListAsync(cancellationToken);
        foreach (var r in current)
            scores.TryAdd(r.Id, 0);
        var stored = current.ToDictionary(r => r.Id, r => r.TrendingScore, StringComparer.Ordinal);
        foreach (var (id, score) in scores)
        {
            if (stored.TryGetValue(id, out var old) ? old == score : score == 0)
                continue;
            changed += await db.Repositories.Where(r => r.Id == id)
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.TrendingScore, score), cancellationToken);
        }
        // Lists sorted or showing these figures are cached in every process (recorded downloads show within their TTL).
        if (changed > 0) await changes.PublishAsync(MetadataChanges.Listings, cancellationToken);
        return changed;
    }
}
