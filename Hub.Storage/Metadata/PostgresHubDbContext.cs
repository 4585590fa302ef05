using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>Production (PostgreSQL); its migrations live in Migrations/Postgres.</summary>
internal sealed class PostgresHubDbContext(DbContextOptions<PostgresHubDbContext> options) : HubDbContext(options);
