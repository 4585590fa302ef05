using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Accounts;

internal sealed class AccountStore(IHubDbContextFactory factory, TimeProvider time) : IAccountStore
{
    private const int NameMaxLength = 96;
    private const int FullNameMaxLength = 256;
    private static readonly string[] Roles = ["read", "write", "admin"];

    public async Task<UserRecord> CreateUserAsync(
        string name, string? fullName, string? email, string passwordHash, bool isAdmin, CancellationToken cancellationToken)
    {
        CheckName(name, fullName);
        MetadataNames.CheckLength(email, 320, nameof(email));
        var normalized = MetadataNames.Normalize(name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ThrowIfTakenAsync(db, name, normalized, cancellationToken);

        var now = DbTime.Now(time);
        var user = new UserEntity { Email = email, PasswordHash = passwordHash, IsAdmin = isAdmin, CreatedAt = now };
        var ns = new NamespaceEntity
        {
            Name = name, NormalizedName = normalized, Kind = NamespaceKind.User, FullName = fullName, CreatedAt = now, User = user,
        };
        db.Namespaces.Add(ns);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw Taken(name, e);
        }
        return AccountMapping.ToRecord(ns, user);
    }

    public async Task<NamespaceRecord> CreateOrganizationAsync(
        string name, string? fullName, long creatorUserId, CancellationToken cancellationToken)
    {
        CheckName(name, fullName);
        var normalized = MetadataNames.Normalize(name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await ThrowIfTakenAsync(db, name, normalized, cancellationToken);
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == creatorUserId, cancellationToken))
            throw new ArgumentException($"User {creatorUserId} does not exist.", nameof(creatorUserId));

        var now = DbTime.Now(time);
        try
        {
            // Two inserts because the membership needs the organization's generated id; one transaction keeps them together.
            return await db.InTransactionAsync(async ct =>
            {
                var org = new NamespaceEntity
                {
                    Name = name, NormalizedName = normalized, Kind = NamespaceKind.Organization, FullName = fullName, CreatedAt = now,
                };
                db.Namespaces.Add(org);
                await db.SaveChangesAsync(ct);
                db.Memberships.Add(new MembershipEntity { OrganizationId = org.Id, UserId = creatorUserId, Role = "admin", CreatedAt = now });
                await db.SaveChangesAsync(ct);
                return AccountMapping.ToRecord(org);
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            throw Taken(name, e);
        }
    }

    public async Task<NamespaceRecord?> FindNamespaceAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = MetadataNames.Normalize(name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var ns = await db.Namespaces.AsNoTracking().FirstOrDefaultAsync(n => n.NormalizedName == normalized, cancellationToken);
        return ns is null ? null : AccountMapping.ToRecord(ns);
    }

    public async Task<UserRecord?> FindUserAsync(string name, CancellationToken cancellationToken)
    {
        var normalized = MetadataNames.Normalize(name);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Include(u => u.Namespace)
            .FirstOrDefaultAsync(u => u.Namespace.NormalizedName == normalized, cancellationToken);
        return user is null ? null : AccountMapping.ToRecord(user.Namespace, user);
    }

    public async Task<UserRecord?> GetUserAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var user = await db.Users.AsNoTracking().Include(u => u.Namespace).FirstOrDefaultAsync(u => u.Id == userId, cancellationToken);
        return user is null ? null : AccountMapping.ToRecord(user.Namespace, user);
    }

    public async Task<string?> GetPasswordHashAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.AsNoTracking().Where(u => u.Id == userId).Select(u => u.PasswordHash).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task SetPasswordHashAsync(long userId, string passwordHash, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var updated = await db.Users.Where(u => u.Id == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PasswordHash, passwordHash), cancellationToken);
        if (updated == 0)
            throw new KeyNotFoundException($"User {userId} does not exist.");
    }

    public async Task SetMembershipAsync(long organizationId, long userId, string role, CancellationToken cancellationToken)
    {
        if (!Roles.Contains(role, StringComparer.Ordinal))
            throw new ArgumentOutOfRangeException(nameof(role), role, "The role must be read, write or admin.");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (!await db.Namespaces.AsNoTracking().AnyAsync(n => n.Id == organizationId && n.Kind == NamespaceKind.Organization, cancellationToken))
            throw new ArgumentException($"Organization {organizationId} does not exist.", nameof(organizationId));
        if (!await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId, cancellationToken))
            throw new ArgumentException($"User {userId} does not exist.", nameof(userId));

        if (await UpdateRoleAsync(db, organizationId, userId, role, cancellationToken))
            return;
        db.Memberships.Add(new MembershipEntity { OrganizationId = organizationId, UserId = userId, Role = role, CreatedAt = DbTime.Now(time) });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request added the membership meanwhile: this call's role is the later word.
            await UpdateRoleAsync(db, organizationId, userId, role, cancellationToken);
        }
    }

    public async Task RemoveMembershipAsync(long organizationId, long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await db.Memberships.Where(m => m.OrganizationId == organizationId && m.UserId == userId).ExecuteDeleteAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<MembershipRecord>> ListMembershipsOfUserAsync(long userId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Memberships(db).Where(m => m.Membership.UserId == userId)
            .OrderBy(m => m.OrganizationName).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToRecord);
    }

    public async Task<IReadOnlyList<MembershipRecord>> ListMembersAsync(long organizationId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Memberships(db).Where(m => m.Membership.OrganizationId == organizationId)
            .OrderBy(m => m.UserName).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToRecord);
    }

    public async Task<int> CountUsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Users.CountAsync(cancellationToken);
    }

    // Built with an initializer so EF can translate Where/OrderBy on its members (it cannot see through constructors).
    private sealed class MembershipRow
    {
        public required MembershipEntity Membership { get; init; }
        public required string OrganizationName { get; init; }
        public required string UserName { get; init; }
    }

    private static IQueryable<MembershipRow> Memberships(HubDbContext db) =>
        from m in db.Memberships.AsNoTracking()
        join o in db.Namespaces on m.OrganizationId equals o.Id
        join u in db.Namespaces on m.UserId equals u.Id
        select new MembershipRow { Membership = m, OrganizationName = o.Name, UserName = u.Name };

    private static MembershipRecord ToRecord(MembershipRow r) =>
        new(r.Membership.OrganizationId, r.OrganizationName, r.Membership.UserId, r.UserName, r.Membership.Role);

    private static async Task<bool> UpdateRoleAsync(HubDbContext db, long organizationId, long userId, string role, CancellationToken ct) =>
        await db.Memberships.Where(m => m.OrganizationId == organizationId && m.UserId == userId)
            .ExecuteUpdateAsync(s => s.SetProperty(m => m.Role, role), ct) > 0;

    private static async Task ThrowIfTakenAsync(HubDbContext db, string name, string normalized, CancellationToken ct)
    {
        if (await db.Namespaces.AsNoTracking().AnyAsync(n => n.NormalizedName == normalized, ct))
            throw Taken(name, null);
    }

    private static NameTakenException Taken(string name, Exception? inner) =>
        inner is null
            ? new NameTakenException($"The name '{name}' is already taken by a user or an organization.")
            : new NameTakenException($"The name '{name}' is already taken by a user or an organization.", inner);

    private static void CheckName(string name, string? fullName)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        MetadataNames.CheckLength(name, NameMaxLength, nameof(name));
        MetadataNames.CheckLength(fullName, FullNameMaxLength, nameof(fullName));
    }
}
