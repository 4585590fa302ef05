namespace Hub.Storage.Metadata.Likes;

/// <summary>One page of likes, newest first; <paramref name="NextCursor"/> is null on the last page.</summary>
public sealed record LikePage<T>(IReadOnlyList<T> Items, string? NextCursor);
