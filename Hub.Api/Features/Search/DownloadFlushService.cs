using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Search;

/// <summary>Writes buffered download counts every <see cref="StatsOptions.DownloadFlushInterval"/> and when the hub stops.</summary>
public sealed class DownloadFlushService(DownloadCounter counter, IOptions<StatsOptions> options, TimeProvider time, ILogger<DownloadFlushService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DownloadFlushInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await counter.FlushAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: the final flush below writes what is left.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await counter.FlushAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Writing the last download counts failed");
        }
    }
}
