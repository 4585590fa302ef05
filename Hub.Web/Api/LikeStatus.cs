namespace Hub.Web.Api;

/// <summary>Whether the caller likes a repository, and how many users do.</summary>
public sealed record LikeStatus(bool Liked, int Likes);
