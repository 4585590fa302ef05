namespace Hub.Storage.Git;

/// <summary>A page of tree entries; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record GitTreePage(IReadOnlyList<GitTreeEntry> Entries, string? NextCursor);
