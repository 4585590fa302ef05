using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Discussions;
using Hub.Storage.Metadata.Gating;
using Hub.Storage.Metadata.Inference;
using Hub.Storage.Metadata.Jobs;
using Hub.Storage.Metadata.Likes;
using Hub.Storage.Metadata.Webhooks;
using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Maintenance;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Revisions;
using Hub.Storage.Metadata.Scanning;
using Hub.Storage.Metadata.Stats;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Hub.Storage.Metadata;

/// <summary>Registers the metadata database and its stores.</summary>
public static class MetadataServiceCollectionExtensions
{
    /// <summary>Adds the SQLite or PostgreSQL metadata database as <c>Hub:Database:Provider</c> says, and its stores.</summary>
    /// <remarks>
    /// The connection string is <c>ConnectionStrings:Hub</c>; for SQLite it defaults to <c>hub.db</c> in <c>Hub:DataDir</c>.
    /// PostgreSQL without a connection string is refused here, when the host is built, rather than at the first query.
    /// </remarks>
    public static IServiceCollection AddHubMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        // Bound to the configuration given here, the same one that picks the provider below, so the two cannot disagree.
        var section = configuration.GetSection(DatabaseOptions.Section);
        services.AddOptions<DatabaseOptions>().Bind(section).ValidateDataAnnotations().ValidateOnStart();

        // The provider decides which context type to register, so it is read now rather than from the options later.
        var provider = section[nameof(DatabaseOptions.Provider)] is { Length: > 0 } p ? p : "sqlite";
        var connectionString = configuration.GetConnectionString("Hub");
        switch (provider)
        {
            case "sqlite":
                connectionString ??= DefaultSqliteConnectionString(configuration);
                services.AddPooledDbContextFactory<SqliteHubDbContext>(o => HubDbContextOptions.ConfigureSqlite(o, connectionString));
                services.TryAddSingleton<IHubDbContextFactory, HubDbContextFactory<SqliteHubDbContext>>();
                break;
            case "postgres":
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new InvalidOperationException(
                        "Hub:Database:Provider is 'postgres' but ConnectionStrings:Hub is not set. Set it (environment: " +
                        "ConnectionStrings__Hub=\"Host=...;Database=...;Username=...;Password=...\") or use the embedded 'sqlite'.");
                }
                services.AddPooledDbContextFactory<PostgresHubDbContext>(o => HubDbContextOptions.ConfigurePostgres(o, connectionString));
                services.TryAddSingleton<IHubDbContextFactory, HubDbContextFactory<PostgresHubDbContext>>();
                break;
            default:
                throw new InvalidOperationException($"Hub:Database:Provider must be 'sqlite' or 'postgres', not '{provider}'.");
        }

        services.TryAddSingleton(TimeProvider.System);
        var changesConnection = provider == "postgres" ? connectionString : null;
        services.TryAddSingleton(sp => new MetadataChanges(changesConnection,
            sp.GetService<Microsoft.Extensions.Logging.ILogger<MetadataChanges>>() ?? Microsoft.Extensions.Logging.Abstractions.NullLogger<MetadataChanges>.Instance));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Microsoft.Extensions.Hosting.IHostedService, MetadataChanges>(sp => sp.GetRequiredService<MetadataChanges>()));
        services.TryAddSingleton<IMetadataMigrator, MetadataMigrator>();
        services.TryAddSingleton<IAccountStore, AccountStore>();
        services.TryAddSingleton<IAccessTokenStore, AccessTokenStore>();
        services.TryAddSingleton<IRepositoryStore, RepositoryStore>();
        services.TryAddSingleton<IRepositoryFacetStore, RepositoryFacetStore>();
        services.TryAddSingleton<ILfsObjectStore, LfsObjectStore>();
        services.TryAddSingleton<IAuditLog, AuditLog>();
        services.TryAddSingleton<IRevisionIndexStore, RevisionIndexStore>();
        services.TryAddSingleton<IRepositoryStatsStore, RepositoryStatsStore>();
        services.TryAddSingleton<ILikeStore, LikeStore>();
        services.TryAddSingleton<IWebhookStore, WebhookStore>();
        services.TryAddSingleton<IJobLeaseStore, JobLeaseStore>();
        services.TryAddSingleton<IAccessRequestStore, AccessRequestStore>();
        services.TryAddSingleton<IFileScanStore, FileScanStore>();
        services.TryAddSingleton<IMaintenanceStore, MaintenanceStore>();
        services.TryAddSingleton<IInferenceWorkerStore, InferenceWorkerStore>();
        services.TryAddSingleton<IDiscussionStore, DiscussionStore>();
        return services;
    }

    private static string DefaultSqliteConnectionString(IConfiguration configuration)
    {
        var dataDir = HubPaths.DataDir(configuration);
        // SQLite creates the file but not the folders above it.
        Directory.CreateDirectory(dataDir);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataDir, "hub.db") }.ToString();
    }
}
