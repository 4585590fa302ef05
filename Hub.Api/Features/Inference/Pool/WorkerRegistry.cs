using System.Collections.Concurrent;
using Hub.Storage.Metadata.Inference;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// The API tier's view of the worker pool: the rows of <c>inference_workers</c> with a recent heartbeat, re-read at
/// most every <see cref="InferencePoolOptions.RegistryRefreshSeconds"/> (one reader at a time; others use the last
/// list), and the routing rule: a worker that has the model at that commit loaded, least loaded first; else the
/// least loaded worker.
/// </summary>
public sealed class WorkerRegistry(IInferenceWorkerStore store, TimeProvider time, IOptions<InferencePoolOptions> options, ILogger<WorkerRegistry> logger) : IDisposable
{
    private static readonly TimeSpan MinForcedRefresh = TimeSpan.FromMilliseconds(200);

    private readonly ConcurrentDictionary<string, WorkerState> workers = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly InferencePoolOptions settings = options.Value;
    private long refreshedAt;
    private bool loaded;

    /// <summary>The workers with a recent heartbeat.</summary>
    public async ValueTask<IReadOnlyCollection<WorkerState>> WorkersAsync(CancellationToken cancellationToken)
    {
        var age = time.GetElapsedTime(Volatile.Read(ref refreshedAt));
        if (!loaded)
            await RefreshAsync(wait: true, TimeSpan.Zero, cancellationToken);
        else if (age > TimeSpan.FromSeconds(settings.RegistryRefreshSeconds))
            await RefreshAsync(wait: false, TimeSpan.Zero, cancellationToken);
        return [.. workers.Values];
    }

    /// <summary>The worker for a request on <paramref name="modelKey"/> (<c>ns/name@commit</c>), never <paramref name="exclude"/>; null when none is up.</summary>
    public async ValueTask<WorkerState?> PickAsync(string modelKey, WorkerState? exclude, CancellationToken cancellationToken)
    {
        var picked = Pick(await WorkersAsync(cancellationToken), modelKey, exclude);
        if (picked is not null) return picked;
        // None known: a worker may have registered since the last read.
        await RefreshAsync(wait: true, MinForcedRefresh, cancellationToken);
        return Pick(workers.Values, modelKey, exclude);
    }

    public void Dispose() => refreshing.Dispose();

    /// <summary>Keeps a worker that failed a request out of routing for a while.</summary>
    public void MarkFailed(WorkerState worker) => worker.Failed(time.GetUtcNow());

    private WorkerState? Pick(IEnumerable<WorkerState> all, string modelKey, WorkerState? exclude)
    {
        var now = time.GetUtcNow();
        var backoff = TimeSpan.FromSeconds(settings.FailureBackoffSeconds);
        var up = all.Where(w => w != exclude && !w.IsBackingOff(now, backoff)).ToList();
        if (up.Count == 0) return null;
        var holder = up.Where(w => w.Has(modelKey)).MinBy(w => w.Load);
        var least = up.MinBy(w => w.Load)!;
        return holder is not null && (holder.InFlight < settings.AffinityMaxInFlight || least.Load >= holder.Load) ? holder : least;
    }

    private async Task RefreshAsync(bool wait, TimeSpan minAge, CancellationToken cancellationToken)
    {
        if (wait) await refreshing.WaitAsync(cancellationToken);
        else if (!refreshing.Wait(0, CancellationToken.None)) return;
        try
        {
            if (loaded && time.GetElapsedTime(Volatile.Read(ref refreshedAt)) < minAge) return;
            var rows = await store.ListAsync(time.GetUtcNow() - TimeSpan.FromSeconds(settings.WorkerTimeoutSeconds), cancellationToken);
            var ids = new HashSet<string>(StringComparer.Ordinal);
            foreach (var row in rows)
            {
                ids.Add(row.Id);
                workers.AddOrUpdate(row.Id, _ => new WorkerState(row), (_, state) =>
                {
                    state.Record = row;
                    return state;
                });
            }
            foreach (var id in workers.Keys.Where(id => !ids.Contains(id)))
                if (workers.TryRemove(id, out var gone))
                    logger.LogInformation("Inference worker {Worker} at {Url} left the pool (no heartbeat)", gone.Id, gone.Record.Url);
            Volatile.Write(ref refreshedAt, time.GetTimestamp());
            loaded = true;
        }
        catch (Exception e) when (e is not OperationCanceledException && loaded)
        {
            // The database is unreachable for a moment: keep routing on the last list.
            logger.LogWarning(e, "Reading the inference worker registry failed; routing on the last known workers");
            Volatile.Write(ref refreshedAt, time.GetTimestamp());
        }
        finally
        {
            refreshing.Release();
        }
    }
}
