namespace Hub.Storage.Metadata.Accounts;

/// <summary>Access tokens, stored hashed.</summary>
public interface IAccessTokenStore
{
    /// <summary>Stores a new token.</summary>
    Task<AccessTokenRecord> AddAsync(NewAccessToken token, CancellationToken cancellationToken);

    /// <summary>The token whose SHA-256 is <paramref name="tokenHash"/> with its owner, or null. Revoked and expired tokens are returned too (the caller decides).</summary>
    Task<(AccessTokenRecord Token, UserRecord User)?> FindByHashAsync(string tokenHash, CancellationToken cancellationToken);

    /// <summary>Records a use of the token (the caller throttles how often).</summary>
    Task TouchAsync(long tokenId, DateTimeOffset usedAt, CancellationToken cancellationToken);

    /// <summary>The user's tokens, newest first, revoked ones included.</summary>
    Task<IReadOnlyList<AccessTokenRecord>> ListAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Revokes one of the user's tokens; false when the user has no such token.</summary>
    Task<bool> RevokeAsync(long userId, long tokenId, DateTimeOffset revokedAt, CancellationToken cancellationToken);

    /// <summary>Deletes the tokens of <paramref name="role"/> that were revoked or expired before <paramref name="endedBefore"/>; returns how many.</summary>
    Task<int> DeleteEndedAsync(string role, DateTimeOffset endedBefore, CancellationToken cancellationToken);
}
