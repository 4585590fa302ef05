using Hub.Api.Features.Indexing;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Maintenance;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Maintenance;

/// <summary>
/// Makes the index agree with git after a crash. A commit or push moves its ref (compare-and-swap, atomic) before it
/// re-indexes; a process killed in between leaves the repository right and its index one commit behind. At start (and
/// then periodically, one process at a time through a database lease) every repository whose indexed head differs
/// from its default branch is re-indexed, and git lock files left by a killed process are removed so the next ref
/// update does not fail on them.
/// </summary>
public sealed class IndexRepairService(
    IMaintenanceStore store, IGitRepositoryStore git, RepoIndexer indexer, IJobLeaseStore leases, IOptions<MaintenanceOptions> options,
    TimeProvider time, ILogger<IndexRepairService> logger) : BackgroundService
{
    private const int Page = 200;
    private readonly string holder = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    /// <summary>One pass over every repository.</summary>
    public async Task<RepairReport> RepairAsync(CancellationToken ct)
    {
        var report = new RepairReport();
        string? after = null;
        while (true)
        {
            var page = await store.ListRepositoryHeadsAsync(after, Page, ct);
            foreach (var repo in page)
            {
                report.Checked++;
                try
                {
                    report.LocksRemoved += RemoveStaleLocks(git.GetPath(repo.Id));
                    var head = await git.ResolveAsync(repo.Id, "refs/heads/" + repo.DefaultBranch, ct);
                    if (head?.CommitId == repo.HeadCommit) continue;
                    logger.LogWarning("Index of {Repo} says {Indexed} but git says {Head}: re-indexing", repo.FullName, repo.HeadCommit, head?.CommitId);
                    await indexer.IndexAsync(repo.Id, ct);
                    report.Reindexed.Add(repo.FullName);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Checking repository {Repo} failed", repo.FullName);
                    report.Failed.Add(repo.FullName);
                }
            }
            if (page.Count < Page) return report;
            after = page[^1].Id;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.RepairOnStart)
        {
            await RunLoggedAsync(stoppingToken);
            // Locks a crash left just before this start are too young to be told from live ones; look again once they are not.
            await Task.Delay(settings.StaleLockAge, time, stoppingToken);
            await RunLoggedAsync(stoppingToken);
        }
        using var timer = new PeriodicTimer(settings.RepairInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (await leases.TryClaimAsync("index-repair", holder, settings.RepairInterval, stoppingToken)) await RunLoggedAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "The periodic index repair could not run; will retry");
            }
        }
    }

    private async Task RunLoggedAsync(CancellationToken ct)
    {
        try
        {
            var report = await RepairAsync(ct);
            if (report.Reindexed.Count > 0 || report.LocksRemoved > 0)
                logger.LogWarning("Repair: {Reindexed} repositories re-indexed, {Locks} stale git locks removed, {Checked} checked", report.Reindexed.Count, report.LocksRemoved, report.Checked);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "The index repair could not run; will retry");
        }
    }

    /// <summary>Removes ref and config lock files older than <see cref="MaintenanceOptions.StaleLockAge"/> (a live one lasts milliseconds).</summary>
    private int RemoveStaleLocks(string repoPath)
    {
        if (!Directory.Exists(repoPath)) return 0;
        var removed = 0;
        var cutoff = time.GetUtcNow().UtcDateTime - options.Value.StaleLockAge;
        var candidates = new[] { "HEAD.lock", "config.lock", "packed-refs.lock", "shallow.lock" }.Select(f => Path.Combine(repoPath, f)).Where(File.Exists);
        var refs = Path.Combine(repoPath, "refs");
        if (Directory.Exists(refs)) candidates = candidates.Concat(Directory.EnumerateFiles(refs, "*.lock", SearchOption.AllDirectories));
        foreach (var file in candidates.ToList())
        {
            if (File.GetLastWriteTimeUtc(file) > cutoff) continue;
            try
            {
                File.Delete(file);
                removed++;
                logger.LogWarning("Removed the stale git lock {Lock}", file);
            }
            catch (IOException)
            {
                // Gone already, or in use again: either way not ours to remove.
            }
        }
        return removed;
    }
}
