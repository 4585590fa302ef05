using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class AccessRequestConfiguration : IEntityTypeConfiguration<AccessRequestEntity>
{
    public void Configure(EntityTypeBuilder<AccessRequestEntity> builder)
    {
        builder.ToTable("access_requests");
        builder.HasKey(r => new { r.RepositoryId, r.UserId });
        builder.Property(r => r.Status).HasMaxLength(16);
        // Admins list one repository's requests by status, oldest first.
        builder.HasIndex(r => new { r.RepositoryId, r.Status, r.CreatedAt });
        builder.HasIndex(r => r.UserId);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
