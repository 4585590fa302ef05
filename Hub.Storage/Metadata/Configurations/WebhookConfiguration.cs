using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class WebhookConfiguration : IEntityTypeConfiguration<WebhookEntity>
{
    public void Configure(EntityTypeBuilder<WebhookEntity> builder)
    {
        builder.ToTable("webhooks");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).HasMaxLength(32);
        builder.Property(w => w.Url).HasMaxLength(2048);
        builder.Property(w => w.Secret).HasMaxLength(256);
        builder.Property(w => w.Watched).HasMaxLength(16_384);
        builder.HasIndex(w => w.OwnerUserId);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(w => w.OwnerUserId).OnDelete(DeleteBehavior.Cascade);
    }
}
