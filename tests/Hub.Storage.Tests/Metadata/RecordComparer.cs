using Hub.Storage.Metadata.Repositories;

namespace Hub.Storage.Tests.Metadata;

/// <summary>Records hold their tags in a list, which compares by reference; this compares them by content.</summary>
internal sealed class RecordComparer : IEqualityComparer<RepositoryRecord?>
{
    private static readonly string[] NoTags = [];

    public static RecordComparer Instance { get; } = new();

    public bool Equals(RepositoryRecord? x, RepositoryRecord? y) =>
        x is null || y is null ? x is null && y is null : x with { Tags = NoTags } == y with { Tags = NoTags } && x.Tags.SequenceEqual(y.Tags);

    public int GetHashCode(RepositoryRecord? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
}
