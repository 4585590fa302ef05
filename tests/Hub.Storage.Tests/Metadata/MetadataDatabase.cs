using System.Data.Common;
using Hub.Storage.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Hub.Storage.Tests.Metadata;

/// <summary>
/// One isolated, migrated database per test class, reached only through <c>AddHubMetadata</c> as the host does.
/// Tests in a class share it, so each names its own rows uniquely and never depends on another's.
/// </summary>
public abstract class MetadataDatabase : IAsyncLifetime
{
    private readonly List<(ServiceProvider Services, string ConnectionString)> _databases = [];

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero));

    public ServiceProvider Services { get; private set; } = null!;

    /// <summary>The commands run against the main database.</summary>
    internal CommandCounter Commands { get; private set; } = null!;

    public abstract string Provider { get; }

    /// <summary>True when <paramref name="connection"/> is to this fixture's main database.</summary>
    public abstract bool IsMainDatabase(DbConnection connection);

    /// <summary>The connection string of the database the contract tests run on (null until it exists).</summary>
    protected string? MainConnectionString { get; private set; }

    public async Task InitializeAsync()
    {
        Commands = new CommandCounter(IsMainDatabase);
        Services = await CreateEmptyAsync();
        MainConnectionString = _databases[0].ConnectionString;
        await Services.GetRequiredService<IMetadataMigrator>().MigrateAsync(CancellationToken.None);
    }

    /// <summary>A further database of this provider, empty (not migrated), dropped with the fixture.</summary>
    public async Task<ServiceProvider> CreateEmptyAsync()
    {
        var connectionString = await CreateDatabaseAsync();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Hub:Database:Provider"] = Provider,
                ["ConnectionStrings:Hub"] = connectionString,
            })
            .Build();
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(Time)
            .AddHubMetadata(configuration)
            .BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        _databases.Add((services, connectionString));
        return services;
    }

    public async Task DisposeAsync()
    {
        Commands.Dispose();
        foreach (var (services, _) in _databases)
            await services.DisposeAsync();
        foreach (var (_, connectionString) in _databases)
            await DropDatabaseAsync(connectionString);
    }

    /// <summary>Makes a fresh database and returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabaseAsync(string connectionString);
}
