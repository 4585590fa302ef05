namespace Hub.Storage.Metadata.Likes;

/// <summary>A user who liked a repository, and when.</summary>
public sealed record LikerRecord(long UserId, string Name, string? FullName, DateTimeOffset LikedAt);
