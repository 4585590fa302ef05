using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class DailyDownloadConfiguration : IEntityTypeConfiguration<DailyDownloadEntity>
{
    public void Configure(EntityTypeBuilder<DailyDownloadEntity> builder)
    {
        builder.ToTable("daily_downloads");
        builder.HasKey(d => new { d.RepositoryId, d.Day });
        // The counters job reads the last 30 days across all repositories.
        builder.HasIndex(d => d.Day);
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(d => d.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
