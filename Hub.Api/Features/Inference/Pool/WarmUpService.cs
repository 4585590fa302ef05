using Hub.Api.Features.Repos;
using Hub.Api.Hosting;
using Hub.Inference;
using Hub.Inference.Models;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// In a process with the <c>inference</c> role: loads the models listed in <c>Hub:Inference:Warm</c> (<c>ns/name</c>,
/// at the head of the default branch) when the process starts, so their first requests do not wait for a load. A
/// repository that is missing or holds no usable model is logged and skipped.
/// </summary>
internal sealed class WarmUpService(
    IRepositoryStore repos,
    RevisionResolver revisions,
    InferenceService inference,
    IOptions<HubOptions> hub,
    IOptions<InferenceOptions> options,
    IHostApplicationLifetime lifetime,
    ILogger<WarmUpService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!hub.Value.HasRole("inference") || options.Value.Warm.Count == 0) return;
        // Migrations run in the first hosted service's StartAsync; the database is ready once the host has started.
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
        using (stoppingToken.Register(() => started.TrySetCanceled(stoppingToken)))
        {
            try
            {
                await started.Task;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
        foreach (var name in options.Value.Warm)
        {
            try
            {
                var repo = await repos.FindAsync("model", name, stoppingToken);
                if (repo is null)
                {
                    logger.LogWarning("Cannot warm {Model}: no such model repository", name);
                    continue;
                }
                var commit = repo.HeadCommit;
                if (commit is null)
                {
                    var (resolved, _) = await revisions.ResolveAsync(repo.Id, repo.DefaultBranch, stoppingToken);
                    commit = resolved?.CommitId;
                }
                if (commit is null)
                {
                    logger.LogWarning("Cannot warm {Model}: its default branch has no commit", name);
                    continue;
                }
                await inference.LoadAsync(new ModelRef(repo.Id, repo.FullName, commit), stoppingToken);
                logger.LogInformation("Warmed {Model} at {Commit}", repo.FullName, commit);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Cannot warm {Model}", name);
            }
        }
    }
}
