using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>The embedded default (SQLite); its migrations live in Migrations/Sqlite.</summary>
internal sealed class SqliteHubDbContext(DbContextOptions<SqliteHubDbContext> options) : HubDbContext(options);
