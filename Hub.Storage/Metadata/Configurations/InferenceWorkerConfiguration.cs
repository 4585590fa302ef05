using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class InferenceWorkerConfiguration : IEntityTypeConfiguration<InferenceWorkerEntity>
{
    public void Configure(EntityTypeBuilder<InferenceWorkerEntity> builder)
    {
        builder.ToTable("inference_workers");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(64);
        builder.Property(w => w.Url).HasMaxLength(512);
        builder.Property(w => w.Provider).HasMaxLength(64);
        builder.HasIndex(w => w.LastHeartbeatAt);
    }
}
