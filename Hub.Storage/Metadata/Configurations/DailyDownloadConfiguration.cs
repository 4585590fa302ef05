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
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(d => d.RepositoryId).OnDelete(DeleteBehavior.Cascade);
    }
}
