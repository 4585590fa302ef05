using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class RepositoryConfiguration : IEntityTypeConfiguration<RepositoryEntity>
{
    public void Configure(EntityTypeBuilder<RepositoryEntity> builder)
    {
        builder.ToTable("repositories");
        builder.Property(r => r.Id).HasMaxLength(24);
        builder.Property(r => r.Type).HasMaxLength(16);
        builder.Property(r => r.Name).HasMaxLength(96);
        builder.Property(r => r.FullName).HasMaxLength(200);
        builder.Property(r => r.NormalizedFullName).HasMaxLength(200);
        builder.Property(r => r.Gated).HasMaxLength(16);
        builder.Property(r => r.DefaultBranch).HasMaxLength(255);
        builder.Property(r => r.HeadCommit).HasMaxLength(40);
        builder.Property(r => r.PipelineTag).HasMaxLength(64);
        builder.Property(r => r.LibraryName).HasMaxLength(64);
        builder.Property(r => r.Sdk).HasMaxLength(32);
        builder.HasIndex(r => new { r.Type, r.NormalizedFullName }).IsUnique();
        builder.HasIndex(r => r.NamespaceId);
        // Full-text (tsvector) and trigram indexes exist on PostgreSQL only; its migration creates them in SQL.
        builder.HasIndex(r => new { r.Type, r.LibraryName });
        // Keyset pagination for the list sorts: (sort key, id).
        builder.HasIndex(r => new { r.Type, r.Downloads, r.Id });
        builder.HasIndex(r => new { r.Type, r.Likes, r.Id });
        builder.HasIndex(r => new { r.Type, r.LastModified, r.Id });
        builder.HasIndex(r => new { r.Type, r.CreatedAt, r.Id });
        builder.HasIndex(r => new { r.Type, r.TrendingScore, r.Id });
        builder.HasOne<NamespaceEntity>().WithMany().HasForeignKey(r => r.NamespaceId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(r => r.Tags).WithOne().HasForeignKey(t => t.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
