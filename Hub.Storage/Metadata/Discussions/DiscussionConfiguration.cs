using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Hub.Storage.Metadata.Discussions;

internal sealed class DiscussionConfiguration : IEntityTypeConfiguration<DiscussionEntity>
{
    public void Configure(EntityTypeBuilder<DiscussionEntity> builder)
    {
        builder.ToTable("discussions");
        builder.HasKey(d => d.Id);
        // One number sequence per repository; the index also settles two writers racing for the same number.
        builder.HasIndex(d => new { d.RepositoryId, d.Number }).IsUnique();
        builder.HasIndex(d => d.AuthorId);
        builder.Property(d => d.Title).HasMaxLength(512);
        builder.Property(d => d.Status).HasMaxLength(16);
        builder.Property(d => d.TargetRef).HasMaxLength(512);
        builder.Property(d => d.MergeCommitId).HasMaxLength(64);
        // Deleting a repository deletes its discussions; deleting a user keeps theirs, authored by "deleted".
        builder.HasOne<RepositoryEntity>().WithMany().HasForeignKey(d => d.RepositoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<UserEntity>().WithMany().HasForeignKey(d => d.AuthorId).OnDelete(DeleteBehavior.SetNull);
    }
}
