namespace Hub.Storage.Metadata.Stats;

/// <summary>
/// Download counters and the trending score. A download is counted per repository per UTC day; the repository row
/// keeps the 30-day total (<c>downloads</c>), the all-time total and the trending score (<see cref="TrendingScore"/>)
/// so lists sort on them through an index.
/// </summary>
public interface IRepositoryStatsStore
{
    /// <summary>Counts <paramref name="count"/> downloads on <paramref name="day"/>: the day's row, the 30-day and the all-time totals move together.</summary>
    Task RecordDownloadAsync(string repositoryId, DateOnly day, CancellationToken cancellationToken, long count = 1);

    /// <summary>The days from <paramref name="from"/> to <paramref name="to"/> (inclusive) that have downloads, in day order.</summary>
    Task<IReadOnlyList<DailyDownloadRecord>> ListDailyDownloadsAsync(string repositoryId, DateOnly from, DateOnly to, CancellationToken cancellationToken);

    /// <summary>
    /// Recomputes every repository's 30-day downloads (days <c>today−29 … today</c>) and trending score as of
    /// <paramref name="today"/>; returns how many counter updates it wrote (0 when nothing changed). Safe to run while downloads are counted.
    /// </summary>
    Task<int> RecomputeAsync(DateOnly today, CancellationToken cancellationToken);
}
