using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Stats;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Search;

/// <summary>
/// Recomputes 30-day downloads and trending scores (<see cref="TrendingScore"/>) every <see cref="StatsOptions.RecomputeInterval"/>.
/// Every hub process runs this loop, but each run is claimed in the database first (<see cref="IJobLeaseStore"/>), so
/// of several processes exactly one recomputes per interval.
/// </summary>
public sealed class StatsRecomputeJob(IJobLeaseStore leases, IRepositoryStatsStore stats, DownloadCounter counter, TimeProvider time, IOptions<StatsOptions> options, ILogger<StatsRecomputeJob> logger)
    : BackgroundService
{
    private static readonly TimeSpan CheckEvery = TimeSpan.FromMinutes(1);
    private readonly string holder = Holder();

    /// <summary>Runs the recompute if this process wins the claim; returns whether it ran.</summary>
    public async Task<bool> RunIfDueAsync(CancellationToken ct)
    {
        if (!await leases.TryClaimAsync(options.Value.LeaseName, holder, options.Value.RecomputeInterval, ct)) return false;
        // This process's buffered downloads count too.
        await counter.FlushAsync(ct);
        var changed = await stats.RecomputeAsync(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime), ct);
        logger.LogInformation("Recomputed download counts and trending scores: {Changed} updates", changed);
        return true;
    }

    private static string Holder()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 128 ? name : name[^128..];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.RecomputeEnabled) return;
        using var timer = new PeriodicTimer(CheckEvery, time);
        do
        {
            try
            {
                await RunIfDueAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Recomputing download counts and trending scores failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
