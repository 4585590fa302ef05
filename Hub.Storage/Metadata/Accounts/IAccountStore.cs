namespace Hub.Storage.Metadata.Accounts;

/// <summary>Users, organizations and memberships. Names are unique across users and organizations, ignoring case.</summary>
public interface IAccountStore
{
    /// <summary>Creates a user. Throws <see cref="NameTakenException"/> when the name is taken.</summary>
    Task<UserRecord> CreateUserAsync(string name, string? fullName, string? email, string passwordHash, bool isAdmin, CancellationToken cancellationToken);

    /// <summary>Creates an organization with <paramref name="creatorUserId"/> as its admin. Throws <see cref="NameTakenException"/>.</summary>
    Task<NamespaceRecord> CreateOrganizationAsync(string name, string? fullName, long creatorUserId, CancellationToken cancellationToken);

    /// <summary>The user or organization owning <paramref name="name"/> (any case), or null.</summary>
    Task<NamespaceRecord?> FindNamespaceAsync(string name, CancellationToken cancellationToken);

    /// <summary>A user by name (any case), or null.</summary>
    Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken);

    /// <summary>A user by id, or null.</summary>
    Task<UserRecord?> GetUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The stored password hash of a user, or null when the user does not exist.</summary>
    Task<string?> GetPasswordHashAsync(long userId, CancellationToken cancellationToken);

    /// <summary>Replaces a user's password hash (e.g. after a rehash on login).</summary>
    Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken);

    /// <summary>Adds the user to the organization or changes their role (<c>read</c>, <c>write</c>, <c>admin</c>).</summary>
    Task SetMembershipAsync(long organizationId, long userId, string role, CancellationToken cancellationToken);

    /// <summary>Removes the user from the organization; no error when not a member.</summary>
    Task RemoveMembershipAsync(long organizationId, long userId, CancellationToken cancellationToken);

    /// <summary>The organizations a user belongs to, with the role in each.</summary>
    Task<IReadOnlyList<MembershipRecord>> ListMembershipsOfUserAsync(long userId, CancellationToken cancellationToken);

    /// <summary>The members of an organization.</summary>
    Task<IReadOnlyList<MembershipRecord>> ListMembersAsync(long organizationId, CancellationToken cancellationToken);

    /// <summary>Number of users (used to decide first-start bootstrap).</summary>
    Task<int> CountUsersAsync(CancellationToken cancellationToken);
}
