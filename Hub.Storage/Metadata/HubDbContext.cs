using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata;

/// <summary>
/// The metadata database. Provider-neutral; <see cref="SqliteHubDbContext"/> and <see cref="PostgresHubDbContext"/>
/// exist only so each provider keeps its own migrations.
/// </summary>
internal abstract class HubDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<NamespaceEntity> Namespaces => Set<NamespaceEntity>();
    public DbSet<UserEntity> Users => Set<UserEntity>();
    public DbSet<MembershipEntity> Memberships => Set<MembershipEntity>();
    public DbSet<AccessTokenEntity> AccessTokens => Set<AccessTokenEntity>();
    public DbSet<RepositoryEntity> Repositories => Set<RepositoryEntity>();
    public DbSet<RepositoryTagEntity> RepositoryTags => Set<RepositoryTagEntity>();
    public DbSet<RepositoryRedirectEntity> RepositoryRedirects => Set<RepositoryRedirectEntity>();
    public DbSet<LfsObjectEntity> LfsObjects => Set<LfsObjectEntity>();
    public DbSet<RepositoryLfsObjectEntity> RepositoryLfsObjects => Set<RepositoryLfsObjectEntity>();
    public DbSet<UploadSessionEntity> UploadSessions => Set<UploadSessionEntity>();
    public DbSet<DailyDownloadEntity> DailyDownloads => Set<DailyDownloadEntity>();
    public DbSet<LikeEntity> Likes => Set<LikeEntity>();
    public DbSet<WebhookEntity> Webhooks => Set<WebhookEntity>();
    public DbSet<AuditEntryEntity> AuditLog => Set<AuditEntryEntity>();
    public DbSet<RepositoryRevisionEntity> RepositoryRevisions => Set<RepositoryRevisionEntity>();
    public DbSet<JobLeaseEntity> JobLeases => Set<JobLeaseEntity>();
    public DbSet<AccessRequestEntity> AccessRequests => Set<AccessRequestEntity>();
    public DbSet<FileScanEntity> FileScans => Set<FileScanEntity>();
    public DbSet<InferenceWorkerEntity> InferenceWorkers => Set<InferenceWorkerEntity>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(HubDbContext).Assembly);
}
