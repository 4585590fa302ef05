using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLeaseEntity>
{
    public void Configure(EntityTypeBuilder<JobLeaseEntity> builder)
    {
        builder.ToTable("job_leases");
        builder.HasKey(j => j.Name);
        builder.Property(j => j.Name).HasMaxLength(64);
        builder.Property(j => j.Holder).HasMaxLength(128);
    }
}
