using Hub.Api.Features.Files;
using Hub.Api.Features.Lfs;
using Hub.Api.Features.Scanning;
using Hub.Storage.Blobs;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Maintenance;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Maintenance;

/// <summary>
/// Reclaims storage nobody references: expired upload sessions (their staged bytes) and LFS objects no repository's
/// objects point to — every blob in every repository counts, reachable or not, so nothing a ref could reach is ever
/// taken. A dry run only reports. A real run, holding a database lease so one process runs it:
/// <list type="number">
/// <item>finds unreferenced objects older than the grace period;</item>
/// <item>fences them off (marks them unverified: no commit, push or download can use them from now on);</item>
/// <item>waits for commits already past their LFS check to land, then looks at every repository again and restores
/// anything now referenced;</item>
/// <item>deletes the rest — bytes first, then rows, skipping objects an upload is writing or that were verified again.</item>
/// </list>
/// </summary>
public sealed class GarbageCollector(
    IMaintenanceStore store, IGitRepositoryStore git, IBlobStore blobs, ILfsObjectStore objects, UploadSessionReaper reaper,
    IJobLeaseStore leases, IOptions<MaintenanceOptions> options, TimeProvider time, ILogger<GarbageCollector> logger)
{
    public const string LeaseName = "lfs-gc";

    /// <summary>Runs one collection; null when another process holds the lease.</summary>
    public async Task<GcReport?> RunAsync(bool dryRun, CancellationToken ct)
    {
        var holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";
        if (!dryRun && !await leases.TryClaimAsync(LeaseName, holder, options.Value.GcLease, ct)) return null;
        try
        {
            return await CollectAsync(dryRun, ct);
        }
        finally
        {
            if (!dryRun) await leases.ReleaseAsync(LeaseName, holder, CancellationToken.None);
        }
    }

    private async Task<GcReport> CollectAsync(bool dryRun, CancellationToken ct)
    {
        var settings = options.Value;
        var report = new GcReport { DryRun = dryRun };
        var now = time.GetUtcNow();
        report.ExpiredUploadSessions = dryRun
            ? (await objects.ListExpiredSessionsAsync(now, 1000, ct)).Count
            : await reaper.ReapAsync(ct);
        var referenced = await ReferencedAsync(report, ct);
        report.ReferencedObjects = referenced.Count;
        string? after = null;
        while (true)
        {
            var page = await store.ListLfsObjectsAsync(after, now - settings.GcGracePeriod, 500, ct);
            report.LfsObjectsExamined += page.Count;
            var uploading = await store.FindUploadingAsync([.. page.Select(o => o.Oid)], ct);
            report.Unreferenced.AddRange(page.Where(o => !referenced.Contains(o.Oid) && !uploading.Contains(o.Oid)).Select(o => new GcObject(o.Oid, o.Size, o.CreatedAt)));
            if (page.Count < 500) break;
            after = page[^1].Oid;
        }
        if (dryRun || report.Unreferenced.Count == 0) return report;

        var candidates = report.Unreferenced.Select(o => o.Oid).ToList();
        await store.SetVerifiedAsync(candidates, verified: false, ct);
        HashSet<string> again;
        try
        {
            await Task.Delay(settings.GcSettleDelay, time, ct);
            again = await ReferencedAsync(new GcReport(), ct);
        }
        catch
        {
            // Without a second look nothing may go: lift the fence.
            await store.SetVerifiedAsync(candidates, verified: true, CancellationToken.None);
            throw;
        }
        var restore = candidates.Where(again.Contains).ToList();
        if (restore.Count > 0)
        {
            await store.SetVerifiedAsync(restore, verified: true, ct);
            report.Restored.AddRange(restore);
            logger.LogWarning("GC: {Count} objects became referenced while being collected and were kept", restore.Count);
        }
        foreach (var doomed in report.Unreferenced.Where(o => !again.Contains(o.Oid)))
        {
            try
            {
                var state = await objects.GetAsync(doomed.Oid, ct);
                if (state is not { Verified: false } || (await store.FindUploadingAsync([doomed.Oid], ct)).Count > 0) continue;
                await blobs.DeleteAsync(BlobKeys.Lfs(doomed.Oid), ct);
                if ((await store.DeleteUnverifiedLfsObjectsAsync([doomed.Oid], ct)).Count == 1)
                {
                    report.Deleted++;
                    report.DeletedBytes += doomed.Size;
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                report.Errors.Add($"{doomed.Oid}: {e.Message}");
                logger.LogWarning(e, "GC could not delete LFS object {Oid}", doomed.Oid);
            }
        }
        logger.LogInformation("GC deleted {Count} LFS objects ({Bytes} bytes)", report.Deleted, report.DeletedBytes);
        return report;
    }

    /// <summary>Every LFS oid any blob of any repository points to (as an LFS pointer).</summary>
    private async Task<HashSet<string>> ReferencedAsync(GcReport report, CancellationToken ct)
    {
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var none = new Dictionary<string, string>();
        string? after = null;
        while (true)
        {
            var page = await store.ListRepositoryHeadsAsync(after, 200, ct);
            foreach (var repo in page)
            {
                var path = git.GetPath(repo.Id);
                if (!Directory.Exists(path)) continue;
                report.RepositoriesScanned++;
                var candidates = (await GitObjects.ListBlobsAsync(path, ct)).Where(b => b.Size is >= 100 and <= LfsPointer.MaxPointerSize).Select(b => b.Id).ToList();
                await GitObjects.ReadBlobsAsync(path, none, candidates, (_, content) =>
                {
                    if (LfsPointer.TryParse(content) is { } pointer) referenced.Add(pointer.Oid);
                    return Task.CompletedTask;
                }, ct);
            }
            if (page.Count < 200) return referenced;
            after = page[^1].Id;
        }
    }
}
