namespace Hub.Storage.Metadata.Likes;

/// <summary>A repository a user liked, and when.</summary>
/// <param name="Type"><c>model</c>, <c>dataset</c> or <c>space</c>.</param>
/// <param name="FullName"><c>namespace/name</c>.</param>
public sealed record LikedRepositoryRecord(string RepositoryId, string Type, string FullName, DateTimeOffset LikedAt);
