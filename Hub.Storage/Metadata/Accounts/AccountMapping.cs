using Hub.Storage.Metadata.Entities;

namespace Hub.Storage.Metadata.Accounts;

internal static class AccountMapping
{
    public static NamespaceRecord ToRecord(NamespaceEntity n) =>
        new(n.Id, n.Name, n.Kind == NamespaceKind.Organization ? NamespaceType.Organization : NamespaceType.User,
            n.FullName, DbTime.FromDb(n.CreatedAt));

    public static UserRecord ToRecord(NamespaceEntity n, UserEntity u) =>
        new(u.Id, n.Name, n.FullName, u.Email, u.IsAdmin, DbTime.FromDb(u.CreatedAt));

    public static AccessTokenRecord ToRecord(AccessTokenEntity t) =>
        new(t.Id, t.UserId, t.DisplayName, t.Prefix, t.Role, t.Scopes, DbTime.FromDb(t.CreatedAt),
            DbTime.FromDb(t.LastUsedAt), DbTime.FromDb(t.ExpiresAt), DbTime.FromDb(t.RevokedAt));
}
