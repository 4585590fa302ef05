using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class RepositoryLfsObjectConfiguration : IEntityTypeConfiguration<RepositoryLfsObjectEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryLfsObjectEntity> builder)
    {
        builder.ToTable("repository_lfs_objects");
        builder.HasKey(o => new { o.RepositoryId, o.Oid });
        builder.Property(o => o.Oid).HasMaxLength(64);
        builder.HasIndex(o => o.Oid);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(o => o.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<LfsObjectEntity>().WithMany().HasForeignKey(o => o.Oid).OnDelete(DeleteBehavior.Restrict);
    }
}
