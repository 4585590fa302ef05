using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Inference;

internal sealed class InferenceWorkerStore(IHubDbContextFactory factory) : IInferenceWorkerStore
{
    public async Task HeartbeatAsync(InferenceWorkerRecord worker, CancellationToken cancellationToken)
    {
        MetadataNames.CheckLength(worker.Id, 64, nameof(worker));
        MetadataNames.CheckLength(worker.Url, 512, nameof(worker));
        var loaded = string.Join('\n', worker.LoadedModels);
        var heartbeat = DbTime.ToDb(worker.LastHeartbeatAt);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        // Only the worker itself writes its row, so update-else-insert cannot race with another writer.
        var updated = await db.InferenceWorkers.Where(w => w.Id == worker.Id).ExecuteUpdateAsync(s => s
            .SetProperty(w => w.Url, worker.Url)
            .SetProperty(w => w.Provider, worker.Provider)
            .SetProperty(w => w.LoadedModels, loaded)
            .SetProperty(w => w.MemoryBytes, worker.MemoryBytes)
            .SetProperty(w => w.MemoryBudgetBytes, worker.MemoryBudgetBytes)
            .SetProperty(w => w.QueueLength, worker.QueueLength)
            .SetProperty(w => w.LastHeartbeatAt, heartbeat), cancellationToken);
        if (updated > 0) return;
        db.InferenceWorkers.Add(new InferenceWorkerEntity
        {
            Id = worker.Id,
            Url = worker.Url,
            Provider = worker.Provider,
            LoadedModels = loaded,
            MemoryBytes = worker.MemoryBytes,
            MemoryBudgetBytes = worker.MemoryBudgetBytes,
            QueueLength = worker.QueueLength,
            StartedAt = DbTime.ToDb(worker.StartedAt),
            LastHeartbeatAt = heartbeat,
        });
        await db.SaveChangesAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<InferenceWorkerRecord>> ListAsync(DateTimeOffset since, CancellationToken cancellationToken)
    {
        var from = DbTime.ToDb(since);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.InferenceWorkers.AsNoTracking().Where(w => w.LastHeartbeatAt >= from).OrderBy(w => w.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(w => new InferenceWorkerRecord(
            w.Id, w.Url, w.Provider, w.LoadedModels.Split('\n', StringSplitOptions.RemoveEmptyEntries), w.MemoryBytes, w.MemoryBudgetBytes,
            w.QueueLength, DbTime.FromDb(w.StartedAt), DbTime.FromDb(w.LastHeartbeatAt)))];
    }

    public async Task<bool> RemoveAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.InferenceWorkers.Where(w => w.Id == id).ExecuteDeleteAsync(cancellationToken) > 0;
    }

    public async Task<int> RemoveStaleAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var cutoff = DbTime.ToDb(before);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.InferenceWorkers.Where(w => w.LastHeartbeatAt < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
