using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Lfs;

namespace Hub.Api.Features.Lfs;

/// <summary>
/// Reclaims upload sessions nobody finished before they expired: aborts multipart uploads, deletes staged bytes. Every
/// hub process runs the loop; each pass is claimed in the database first (<see cref="IJobLeaseStore"/>), so of several
/// processes one reaps per interval.
/// </summary>
public sealed class UploadSessionReaper(
    ILfsObjectStore objects, LfsUploads uploads, IJobLeaseStore leases, TimeProvider time, IHostApplicationLifetime lifetime, ILogger<UploadSessionReaper> logger)
    : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(10);
    private const string LeaseName = "lfs-upload-reaper";
    private readonly string holder = Holder();

    /// <summary>One pass; returns how many sessions were reclaimed.</summary>
    public async Task<int> ReapAsync(CancellationToken ct)
    {
        var count = 0;
        while (true)
        {
            var expired = await objects.ListExpiredSessionsAsync(time.GetUtcNow(), 100, ct);
            foreach (var session in expired)
                await uploads.AbandonAsync(session, ct);
            count += expired.Count;
            if (expired.Count < 100) return count;
        }
    }

    private static string Holder()
    {
        var name = $"{Environment.MachineName}/{Environment.ProcessId}/{Guid.NewGuid():N}";
        return name.Length <= 128 ? name : name[^128..];
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The database is migrated by a hosted service that may start after this one: on a fresh database the first
        // pass would query tables that do not exist yet. Start once the hub has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
            await started.Task;
        using var timer = new PeriodicTimer(Interval, time);
        do
        {
            try
            {
                // The claim lasts a little less than the interval so the claimant's own next tick finds the pass due.
                if (!await leases.TryClaimAsync(LeaseName, holder, Interval - TimeSpan.FromSeconds(30), stoppingToken)) continue;
                var reaped = await ReapAsync(stoppingToken);
                if (reaped > 0) logger.LogInformation("Reclaimed {Count} expired upload sessions", reaped);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Reclaiming expired upload sessions failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
