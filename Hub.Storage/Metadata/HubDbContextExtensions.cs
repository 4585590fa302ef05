using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

internal static class HubDbContextExtensions
{
    /// <summary>
    /// Runs <paramref name="work"/> in one transaction. The PostgreSQL provider retries transient failures, which
    /// refuses user-started transactions unless they run inside its execution strategy, so a retry replays the whole
    /// unit; the change tracker is cleared first so a replay starts from nothing.
    /// </summary>
    public static Task<T> InTransactionAsync<T>(
        this HubDbContext db, Func<CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        var strategy = db.Database.CreateExecutionStrategy();
        return strategy.ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            var result = await work(ct);
            await transaction.CommitAsync(ct);
            return result;
        }, cancellationToken);
    }
}
