using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class RepositoryRevisionConfiguration : IEntityTypeConfiguration<RepositoryRevisionEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryRevisionEntity> builder)
    {
        builder.ToTable("repository_revisions");
        builder.HasKey(r => new { r.RepositoryId, r.CommitId });
        builder.Property(r => r.CommitId).HasMaxLength(40);
        builder.Property(r => r.PipelineTag).HasMaxLength(64);
        builder.Property(r => r.LibraryName).HasMaxLength(64);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
