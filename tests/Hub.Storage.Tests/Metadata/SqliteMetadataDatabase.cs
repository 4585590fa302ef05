using System.Data.Common;
using Hub.Testing;
using Microsoft.Data.Sqlite;

namespace Hub.Storage.Tests.Metadata;

/// <summary>SQLite databases as files in a temporary directory (a file, not :memory:, so WAL and pooling are real).</summary>
public sealed class SqliteMetadataDatabase : MetadataDatabase
{
    private readonly TempDirectory _directory = new("hub-meta");

    public override string Provider => "sqlite";

    public override bool IsMainDatabase(DbConnection connection) =>
        MainConnectionString is not null &&
        connection.DataSource == new SqliteConnectionStringBuilder(MainConnectionString).DataSource;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(_directory.Path, $"hub-{Guid.NewGuid():N}.db"),
        }.ToString());

    protected override Task DropDatabaseAsync(string connectionString)
    {
        // Every database of the fixture lives in the one directory, removed at the first drop; the base class drops
        // only after disposing every service provider, so no database is still in use. Pooled connections keep files open.
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
        return Task.CompletedTask;
    }
}
