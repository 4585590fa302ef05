using System.Data.Common;
using Hub.Testing;
using Npgsql;

namespace Hub.Storage.Tests.Metadata;

/// <summary>
/// A fresh PostgreSQL database <c>hub_test_{guid}</c> on the test server (HUB_TEST_POSTGRES; without it the tests
/// fail, they are never skipped), dropped afterwards.
/// </summary>
public sealed class PostgresMetadataDatabase : MetadataDatabase
{
    public override string Provider => "postgres";

    public override bool IsMainDatabase(DbConnection connection) =>
        MainConnectionString is not null &&
        connection.Database == new NpgsqlConnectionStringBuilder(MainConnectionString).Database;

    protected override async Task<string> CreateDatabaseAsync()
    {
        var name = $"hub_test_{Guid.NewGuid():N}";
        await ExecuteOnServerAsync($"CREATE DATABASE \"{name}\"");
        return new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = name }.ToString();
    }

    protected override async Task DropDatabaseAsync(string connectionString)
    {
        NpgsqlConnection.ClearAllPools();
        var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
        await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
    }

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // CREATE/DROP DATABASE run from the maintenance database, never from the one being dropped.
        var server = new NpgsqlConnectionStringBuilder(TestServices.PostgresConnectionString) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ToString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
