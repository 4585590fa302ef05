using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Auth;

/// <summary>Who sent the request: anonymous, a user through an access token, or a user through the UI cookie.</summary>
public sealed class HubCaller
{
    private IReadOnlyList<MembershipRecord>? memberships;
    private TokenScopes? scopes;

    private HubCaller(UserRecord? user, AccessTokenRecord? token)
    {
        User = user;
        Token = token;
    }

    public static HubCaller Anonymous { get; } = new(null, null);

    public static HubCaller FromToken(UserRecord user, AccessTokenRecord token) => new(user, token);

    public static HubCaller FromSession(UserRecord user) => new(user, null);

    public UserRecord? User { get; }

    /// <summary>The token used, or null for anonymous callers and UI sessions.</summary>
    public AccessTokenRecord? Token { get; }

    public bool IsAuthenticated => User is not null;

    /// <summary>A site admin acting with full powers: a fine-grained token of an admin is limited to its scopes.</summary>
    public bool IsAdmin => User?.IsAdmin == true && !IsFineGrained;

    /// <summary>
    /// Read tokens may read what their user may read, and change nothing. Fine-grained tokens write only within their
    /// scopes (see <see cref="RepoAuthorization"/>) and never act on the account (tokens, organizations).
    /// </summary>
    public bool CredentialAllowsWrite => User is not null && (Token is null || Token.Role is "write");

    /// <summary>The request used a fine-grained token: only its <see cref="Scopes"/> apply.</summary>
    public bool IsFineGrained => Token?.Role == "fineGrained";

    /// <summary>The scopes of a fine-grained token (none for other callers).</summary>
    public TokenScopes Scopes => scopes ??= IsFineGrained ? TokenScopes.Parse(Token!.Scopes) : TokenScopes.None;

    /// <summary>The caller's organizations and roles, loaded once per request.</summary>
    public async ValueTask<IReadOnlyList<MembershipRecord>> GetMembershipsAsync(IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (User is null) return [];
        return memberships ??= await accounts.ListMembershipsOfUserAsync(User.Id, cancellationToken);
    }
}
