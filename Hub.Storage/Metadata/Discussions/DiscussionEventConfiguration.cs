using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Discussions;

internal sealed class DiscussionEventConfiguration : IEntityTypeConfiguration<DiscussionEventEntity>
{
    public void Configure(EntityTypeBuilder<DiscussionEventEntity> builder)
    {
        builder.ToTable("discussion_events");
        builder.HasKey(e => e.Id);
        builder.HasIndex(e => new { e.DiscussionId, e.Id });
        builder.HasIndex(e => e.AuthorId);
        builder.Property(e => e.Type).HasMaxLength(32);
        builder.Property(e => e.Detail).HasMaxLength(512);
        builder.HasOne<DiscussionEntity>().WithMany().HasForeignKey(e => e.DiscussionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(e => e.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
