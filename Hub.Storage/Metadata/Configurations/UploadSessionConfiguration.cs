using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class UploadSessionConfiguration : IEntityTypeConfiguration<UploadSessionEntity>
{
    public void Configure(EntityTypeBuilder<UploadSessionEntity> builder)
    {
        builder.ToTable("upload_sessions");
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.Oid).HasMaxLength(64);
        builder.Property(s => s.StagingKey).HasMaxLength(200);
        builder.Property(s => s.MultipartUploadId).HasMaxLength(256);
        // One live upload per object: a client that retries continues the same session.
        builder.HasIndex(s => s.Oid).IsUnique();
        builder.HasIndex(s => s.ExpiresAt);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(s => s.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
