using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class RepositoryTagConfiguration : IEntityTypeConfiguration<RepositoryTagEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryTagEntity> builder)
    {
        builder.ToTable("repository_tags");
        builder.HasKey(t => new { t.RepositoryId, t.Tag });
        builder.Property(t => t.Tag).HasMaxLength(200);
        builder.HasIndex(t => new { t.Tag, t.RepositoryId });
    }
}
