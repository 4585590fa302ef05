using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class LfsObjectConfiguration : IEntityTypeConfiguration<LfsObjectEntity>
{
    public void Configure(EntityTypeBuilder<LfsObjectEntity> builder)
    {
        builder.ToTable("lfs_objects");
        builder.HasKey(o => o.Oid);
        builder.Property(o => o.Oid).HasMaxLength(64);
    }
}
