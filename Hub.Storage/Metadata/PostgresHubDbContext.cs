using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>Production (PostgreSQL); its migrations live in Migrations/Postgres.</summary>
internal sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Tag filters (tag_names @> '{...}') that few rows pass are answered from this index instead of a scan.
        // The generated search_vector column, its GIN index and the trigram index are made in SQL by the migrations.
        modelBuilder.Entity<RepositoryEntity>().HasIndex(r => r.TagNames).HasMethod("gin");
    }
}
