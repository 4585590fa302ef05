using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class LikeConfiguration : IEntityTypeConfiguration<LikeEntity>
{
    public void Configure(EntityTypeBuilder<LikeEntity> builder)
    {
        builder.ToTable("likes");
        builder.HasKey(l => new { l.UserId, l.RepositoryId });
        builder.HasIndex(l => l.RepositoryId);
        // The trending job reads the likes of the last days across all repositories.
        builder.HasIndex(l => l.CreatedAt);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(l => l.UserId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(l => l.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
