using Hub.Storage.Metadata.Entities;

namespace Hub.Storage.Metadata.Repositories;

internal static class RepositoryMapping
{
    public static RepositoryRecord ToRecord(RepositoryEntity r, IEnumerable<string> tags) =>
        new(
            r.Id,
            r.Type,
            r.NamespaceId,
            // FullName is "namespace/name" as created or last moved; namespaces are never renamed.
            r.FullName[..(r.FullName.Length - r.Name.Length - 1)],
            r.Name,
            r.Private,
            r.Gated,
            r.Disabled,
            r.DefaultBranch,
            r.HeadCommit,
            DbTime.FromDb(r.CreatedAt),
            DbTime.FromDb(r.LastModified),
            r.CardData,
            r.PipelineTag,
            r.LibraryName,
            r.Sdk,
            r.IndexedData,
            r.Likes,
            r.Downloads,
            r.DownloadsAllTime,
            r.TrendingScore,
            tags.Order(StringComparer.Ordinal).ToArray());

    /// <summary>The record of a row; its tags come from the row's own copy (<see cref="RepositoryEntity.TagNames"/>).</summary>
    public static RepositoryRecord ToRecord(RepositoryEntity r) => ToRecord(r, r.TagNames);
}
