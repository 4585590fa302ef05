using Hub.Storage.Metadata.Repositories;

namespace Hub.Storage.Metadata.Likes;

/// <summary>Users' likes of repositories; the repository row's <c>likes</c> count moves in the same transaction.</summary>
/// <remarks>Lists are newest first with keyset pagination on (time, id); cursors are opaque.</remarks>
public interface ILikeStore
{
    /// <summary>Records the like; false (and no change) when the user already likes the repository.</summary>
    Task<bool> LikeAsync(long userId, string repositoryId, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Removes the like; false when there was none.</summary>
    Task<bool> UnlikeAsync(long userId, string repositoryId, CancellationToken cancellationToken);

    /// <summary>True when the user likes the repository.</summary>
    Task<bool> IsLikedAsync(long userId, string repositoryId, CancellationToken cancellationToken);

    /// <summary>Who liked a repository. Throws <see cref="ArgumentException"/> for a cursor this store did not issue.</summary>
    Task<LikePage<LikerRecord>> ListLikersAsync(string repositoryId, string? cursor, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// What a user liked, only repositories <paramref name="viewer"/> may see. Throws <see cref="ArgumentException"/> for
    /// a cursor this store did not issue.
    /// </summary>
    Task<LikePage<LikedRepositoryRecord>> ListLikesOfUserAsync(long userId, RepositoryViewer viewer, string? cursor, int limit, CancellationToken cancellationToken);
}
