using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>Provider set-up shared by the host and the design-time factories.</summary>
internal static class HubDbContextOptions
{
    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
            .UseSnakeCaseNamingConvention();

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(connectionString, o => o.MigrationsHistoryTable("__ef_migrations").EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();
}
