using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Hub.Storage.Metadata;

/// <summary>Lets <c>dotnet ef migrations add --context SqliteHubDbContext</c> build the model without a host.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteHubDbContext>
{
    public SqliteHubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<SqliteHubDbContext>();
        HubDbContextOptions.ConfigureSqlite(builder, "Data Source=design.db");
        return new SqliteHubDbContext(builder.Options);
    }
}

/// <summary>Lets <c>dotnet ef migrations add --context PostgresHubDbContext</c> build the model without a database.</summary>
internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresHubDbContext>
{
    public PostgresHubDbContext CreateDbContext(string[] args)
    {
        var builder = new DbContextOptionsBuilder<PostgresHubDbContext>();
        HubDbContextOptions.ConfigurePostgres(builder, "Host=localhost;Database=hub_design");
        return new PostgresHubDbContext(builder.Options);
    }
}
