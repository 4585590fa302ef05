using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Hub.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Storage.Tests.Metadata;

/// <summary>What <c>AddHubMetadata</c> makes of the settings.</summary>
public sealed class MetadataRegistrationTests
{
    private static IConfiguration Configuration(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, s.Value))).Build();

    [Fact]
    public async Task Without_settings_the_embedded_sqlite_database_lives_in_the_data_dir()
    {
        using var temp = new TempDirectory();
        var dataDir = Path.Combine(temp.Path, "not-yet");
        var configuration = Configuration(("Hub:DataDir", dataDir));

        await using var services = new ServiceCollection().AddHubMetadata(configuration).BuildServiceProvider();

        Assert.True(Directory.Exists(dataDir));
        Assert.Equal("sqlite", services.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider);
        await using (var db = await services.GetRequiredService<IHubDbContextFactory>().CreateDbContextAsync(CancellationToken.None))
        {
            Assert.True(db.Database.IsSqlite());
            Assert.Equal(Path.Combine(dataDir, "hub.db"), new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource);
        }
        await services.GetRequiredService<IMetadataMigrator>().MigrateAsync(CancellationToken.None);
        Assert.True(File.Exists(Path.Combine(dataDir, "hub.db")));
        Assert.Same(TimeProvider.System, services.GetRequiredService<TimeProvider>());
        Assert.Same(services.GetRequiredService<IAccountStore>(), services.GetRequiredService<IAccountStore>());
        SqliteConnection.ClearAllPools();
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_refused_at_registration()
    {
        var configuration = Configuration(("Hub:Database:Provider", "postgres"));

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddHubMetadata(configuration));

        Assert.Contains("ConnectionStrings:Hub", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_provider_is_refused_at_registration()
    {
        var configuration = Configuration(("Hub:Database:Provider", "mysql"));

        var error = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddHubMetadata(configuration));

        Assert.Contains("mysql", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Postgres_with_a_connection_string_uses_npgsql()
    {
        var configuration = Configuration(("Hub:Database:Provider", "postgres"), ("ConnectionStrings:Hub", "Host=127.0.0.1;Database=unused"));

        await using var services = new ServiceCollection().AddHubMetadata(configuration).BuildServiceProvider();
        await using var db = await services.GetRequiredService<IHubDbContextFactory>().CreateDbContextAsync(CancellationToken.None);

        Assert.True(db.Database.IsNpgsql());
    }
}
