using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class FileScanConfiguration : IEntityTypeConfiguration<FileScanEntity>
{
    public void Configure(EntityTypeBuilder<FileScanEntity> builder)
    {
        builder.ToTable("file_scans");
        builder.HasKey(s => s.ContentKey);
        builder.Property(s => s.ContentKey).HasMaxLength(80);
        builder.Property(s => s.Status).HasMaxLength(16);
        // Admins list what was flagged.
        builder.HasIndex(s => new { s.Status, s.ScannedAt });
    }
}
