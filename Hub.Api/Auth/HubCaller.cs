using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Auth;

/// <summary>Who sent the request: anonymous, a user through an access token, or a user through the UI cookie.</summary>
public sealed class HubCaller
{
    private IReadOnlyList<MembershipRecord>? memberships;

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

    public bool IsAdmin => User?.IsAdmin == true;

    /// <summary>Read tokens may read what their user may read, and change nothing.</summary>
    public bool CredentialAllowsWrite => User is not null && (Token is null || Token.Role is "write");

    /// <summary>The caller's organizations and roles, loaded once per request.</summary>
    public async ValueTask<IReadOnlyList<MembershipRecord>> GetMembershipsAsync(IAccountStore accounts, CancellationToken cancellationToken)
    {
        if (User is null) return [];
        return memberships ??= await accounts.ListMembershipsOfUserAsync(User.Id, cancellationToken);
    }
}
