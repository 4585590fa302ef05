using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class RepositoryRedirectConfiguration : IEntityTypeConfiguration<RepositoryRedirectEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryRedirectEntity> builder)
    {
        builder.ToTable("repository_redirects");
        builder.HasKey(r => new { r.Type, r.NormalizedFullName });
        builder.Property(r => r.Type).HasMaxLength(16);
        builder.Property(r => r.NormalizedFullName).HasMaxLength(200);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(r => r.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
