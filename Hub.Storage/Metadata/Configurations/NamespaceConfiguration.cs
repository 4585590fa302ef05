using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Configurations;

internal sealed class NamespaceConfiguration : IEntityTypeConfiguration<NamespaceEntity>
{
    public void Configure(EntityTypeBuilder<NamespaceEntity> builder)
    {
        builder.ToTable("namespaces");
        builder.Property(n => n.Name).HasMaxLength(96);
        builder.Property(n => n.NormalizedName).HasMaxLength(96);
        builder.Property(n => n.FullName).HasMaxLength(256);
        builder.HasIndex(n => n.NormalizedName).IsUnique();
        builder.HasOne(n => n.User).WithOne(u => u.Namespace).HasForeignKey<UserEntity>(u => u.Id).OnDelete(DeleteBehavior.Cascade);
    }
}
