using Hub.Storage.Metadata;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata;

/// <summary>The metadata contract on SQLite (the embedded default).</summary>
public sealed class SqliteMetadataContractTests(SqliteMetadataDatabase database)
    : MetadataContractTests(database), IClassFixture<SqliteMetadataDatabase>
{
    [Fact]
    public async Task Migrating_switches_the_database_to_write_ahead_logging()
    {
        var services = await Database.CreateEmptyAsync();
        await services.GetRequiredService<IMetadataMigrator>().MigrateAsync(Ct);

        await using var db = await services.GetRequiredService<IHubDbContextFactory>().CreateDbContextAsync(Ct);
        // A connection of its own: the mode is a property of the file, not of the connection that set it.
        await using var connection = new SqliteConnection(db.Database.GetConnectionString());
        await connection.OpenAsync();
        await using var command = new SqliteCommand("PRAGMA journal_mode;", connection);

        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }
}
