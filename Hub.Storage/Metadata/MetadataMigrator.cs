using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

internal sealed class MetadataMigrator(IHubDbContextFactory factory) : IMetadataMigrator
{
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while one writer commits (the default rollback journal blocks them). The mode is
            // stored in the database file, so setting it here once is enough for every later connection.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        // A migration that rewrites a big table (a new stored column, a GIN index over a million rows) runs for minutes,
        // far past the 30 s a request's command gets.
        db.Database.SetCommandTimeout(TimeSpan.FromHours(1));
        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
