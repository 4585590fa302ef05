using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>Provider set-up shared by the host and the design-time factories.</summary>
internal static class HubDbContextOptions
{
    public static void ConfigureSqlite(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseSqlite(connectionString, o => o.MigrationsHistoryTable("__ef_migrations"))
            .UseSnakeCaseNamingConvention();

    /// <summary>The connection pool of one hub process unless the connection string sets its own.</summary>
    public const int DefaultMaxPoolSize = 32;

    public static void ConfigurePostgres(DbContextOptionsBuilder builder, string connectionString) =>
        builder.UseNpgsql(WithPoolLimit(connectionString, DefaultMaxPoolSize), o => o.MigrationsHistoryTable("__ef_migrations").EnableRetryOnFailure(3))
            .UseSnakeCaseNamingConvention();

    /// <summary>
    /// Caps the pool at <paramref name="maxPoolSize"/> unless the connection string says otherwise. Npgsql's default (100
    /// per process) equals PostgreSQL's default <c>max_connections</c>: under load one hub process, or a few sharing the
    /// server, would open more sessions than the server accepts and fail with "too many clients" (503), where a bounded
    /// pool makes requests wait a moment for a connection. Queries take a millisecond; 32 connections serve thousands of
    /// requests per second.
    /// </summary>
    public static string WithPoolLimit(string connectionString, int maxPoolSize)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!System.Text.RegularExpressions.Regex.IsMatch(connectionString, @"max(imum)?\s*pool\s*size", System.Text.RegularExpressions.RegexOptions.IgnoreCase))
            builder.MaxPoolSize = maxPoolSize;
        return builder.ConnectionString;
    }
}
