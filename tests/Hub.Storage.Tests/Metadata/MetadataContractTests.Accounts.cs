using Hub.Storage.Metadata.Accounts;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Users_and_organizations_share_one_name_space_ignoring_case()
    {
        var name = Unique("Shared");
        var user = await Accounts.CreateUserAsync(name, null, null, "hash", false, Ct);

        await Assert.ThrowsAsync<NameTakenException>(() => Accounts.CreateOrganizationAsync(name.ToUpperInvariant(), null, user.Id, Ct));
        await Assert.ThrowsAsync<NameTakenException>(() => Accounts.CreateUserAsync(name.ToLowerInvariant(), null, null, "hash", false, Ct));

        var orgName = Unique("Org");
        await Accounts.CreateOrganizationAsync(orgName, "An org", user.Id, Ct);
        await Assert.ThrowsAsync<NameTakenException>(() => Accounts.CreateUserAsync(orgName.ToUpperInvariant(), null, null, "hash", false, Ct));
        await Assert.ThrowsAsync<NameTakenException>(() => Accounts.CreateOrganizationAsync(orgName.ToLowerInvariant(), null, user.Id, Ct));
    }

    [Fact]
    public async Task Created_user_is_found_by_name_in_any_case_and_by_id()
    {
        Time.Advance(TimeSpan.FromTicks(12_345_678));
        var name = Unique("Alice");
        var before = await Accounts.CountUsersAsync(Ct);

        var created = await Accounts.CreateUserAsync(name, "Alice A.", "alice@example.test", "hash-1", true, Ct);

        Assert.Equal(new UserRecord(created.Id, name, "Alice A.", "alice@example.test", true, Stored(Time.GetUtcNow())), created);
        Assert.Equal(created, await Accounts.FindUserAsync(name.ToUpperInvariant(), Ct));
        Assert.Equal(created, await Accounts.GetUserAsync(created.Id, Ct));
        Assert.Equal(new NamespaceRecord(created.Id, name, NamespaceType.User, "Alice A.", created.CreatedAt),
            await Accounts.FindNamespaceAsync(name.ToLowerInvariant(), Ct));
        Assert.Equal(before + 1, await Accounts.CountUsersAsync(Ct));
        Assert.Null(await Accounts.FindUserAsync(Unique("nobody"), Ct));
        Assert.Null(await Accounts.GetUserAsync(long.MaxValue, Ct));
    }

    [Fact]
    public async Task Password_hash_is_read_and_replaced()
    {
        var user = await NewUserAsync();

        Assert.Equal("hash", await Accounts.GetPasswordHashAsync(user.Id, Ct));
        await Accounts.SetPasswordHashAsync(user.Id, "rehashed", Ct);

        Assert.Equal("rehashed", await Accounts.GetPasswordHashAsync(user.Id, Ct));
        Assert.Null(await Accounts.GetPasswordHashAsync(long.MaxValue, Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Accounts.SetPasswordHashAsync(long.MaxValue, "x", Ct));
    }

    [Fact]
    public async Task Organization_creator_is_its_admin_and_memberships_add_change_and_remove()
    {
        var creator = await NewUserAsync("a");
        var member = await NewUserAsync("b");
        var orgName = Unique("Team");

        var org = await Accounts.CreateOrganizationAsync(orgName, "The Team", creator.Id, Ct);

        Assert.Equal(NamespaceType.Organization, org.Type);
        Assert.Equal(org, await Accounts.FindNamespaceAsync(orgName.ToUpperInvariant(), Ct));
        Assert.Null(await Accounts.FindUserAsync(orgName, Ct));
        Assert.Equal([new MembershipRecord(org.Id, orgName, creator.Id, creator.Name, "admin")], await Accounts.ListMembersAsync(org.Id, Ct));

        await Accounts.SetMembershipAsync(org.Id, member.Id, "write", Ct);
        await Accounts.SetMembershipAsync(org.Id, member.Id, "read", Ct);

        Assert.Equal(
            [new MembershipRecord(org.Id, orgName, creator.Id, creator.Name, "admin"), new MembershipRecord(org.Id, orgName, member.Id, member.Name, "read")],
            await Accounts.ListMembersAsync(org.Id, Ct));
        Assert.Equal([new MembershipRecord(org.Id, orgName, member.Id, member.Name, "read")], await Accounts.ListMembershipsOfUserAsync(member.Id, Ct));

        await Accounts.RemoveMembershipAsync(org.Id, member.Id, Ct);
        await Accounts.RemoveMembershipAsync(org.Id, member.Id, Ct);

        Assert.Empty(await Accounts.ListMembershipsOfUserAsync(member.Id, Ct));
        Assert.Single(await Accounts.ListMembersAsync(org.Id, Ct));
    }

    [Fact]
    public async Task A_user_belongs_to_several_organizations_listed_by_name()
    {
        var user = await NewUserAsync();
        var owner = await NewUserAsync("owner");
        var first = await Accounts.CreateOrganizationAsync(Unique("aaa"), null, owner.Id, Ct);
        var second = await Accounts.CreateOrganizationAsync(Unique("bbb"), null, owner.Id, Ct);

        await Accounts.SetMembershipAsync(second.Id, user.Id, "admin", Ct);
        await Accounts.SetMembershipAsync(first.Id, user.Id, "write", Ct);

        Assert.Equal(
            [new MembershipRecord(first.Id, first.Name, user.Id, user.Name, "write"), new MembershipRecord(second.Id, second.Name, user.Id, user.Name, "admin")],
            await Accounts.ListMembershipsOfUserAsync(user.Id, Ct));
    }

    [Fact]
    public async Task Memberships_refuse_unknown_roles_and_users_as_organizations()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var org = await Accounts.CreateOrganizationAsync(Unique("org"), null, user.Id, Ct);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Accounts.SetMembershipAsync(org.Id, other.Id, "owner", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Accounts.SetMembershipAsync(user.Id, other.Id, "read", Ct));
        await Assert.ThrowsAsync<ArgumentException>(() => Accounts.CreateOrganizationAsync(Unique("org"), null, long.MaxValue, Ct));
    }

    [Fact]
    public async Task Token_is_found_by_hash_with_its_user_touched_listed_and_revoked()
    {
        var user = await NewUserAsync();
        var other = await NewUserAsync();
        var firstHash = Oid();
        var first = await Tokens.AddAsync(new NewAccessToken(user.Id, "ci", firstHash, "hf_abcd", "write", null, null), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        var expires = Time.GetUtcNow().AddDays(30);
        var second = await Tokens.AddAsync(new NewAccessToken(user.Id, "fine", Oid(), "hf_efgh", "fineGrained", "[\"repo.read\"]", expires), Ct);

        Assert.Equal(new AccessTokenRecord(first.Id, user.Id, "ci", "hf_abcd", "write", null, Stored(Time.GetUtcNow().AddMinutes(-1)), null, null, null), first);
        Assert.Equal(Stored(expires), second.ExpiresAt);
        var found = await Tokens.FindByHashAsync(firstHash, Ct);
        Assert.NotNull(found);
        Assert.Equal(first, found.Value.Token);
        Assert.Equal(user, found.Value.User);
        Assert.Null(await Tokens.FindByHashAsync(Oid(), Ct));

        var usedAt = Time.GetUtcNow().AddTicks(4321);
        await Tokens.TouchAsync(first.Id, usedAt, Ct);
        Assert.Equal(Stored(usedAt), (await Tokens.FindByHashAsync(firstHash, Ct))!.Value.Token.LastUsedAt);

        Assert.Equal([second.Id, first.Id], (await Tokens.ListAsync(user.Id, Ct)).Select(t => t.Id));
        Assert.Empty(await Tokens.ListAsync(other.Id, Ct));

        var revokedAt = Time.GetUtcNow();
        Assert.False(await Tokens.RevokeAsync(other.Id, first.Id, revokedAt, Ct));
        Assert.True(await Tokens.RevokeAsync(user.Id, first.Id, revokedAt, Ct));
        Assert.True(await Tokens.RevokeAsync(user.Id, first.Id, revokedAt.AddHours(1), Ct));
        Assert.False(await Tokens.RevokeAsync(user.Id, long.MaxValue, revokedAt, Ct));

        // Revoked tokens are still found: the caller decides what a revoked token gets.
        Assert.Equal(Stored(revokedAt), (await Tokens.FindByHashAsync(firstHash, Ct))!.Value.Token.RevokedAt);
        Assert.Equal([null, Stored(revokedAt)], (await Tokens.ListAsync(user.Id, Ct)).Select(t => t.RevokedAt));
    }

    [Fact]
    public async Task Ended_tokens_of_one_role_are_deleted_and_nothing_else()
    {
        var user = await NewUserAsync();
        // A role of this test's own: the database is shared with other tests.
        var role = "s" + Guid.NewGuid().ToString("N")[..12];
        var now = Time.GetUtcNow();
        var cutoff = now.AddDays(-1);
        async Task<AccessTokenRecord> AddAsync(string tokenRole, DateTimeOffset? expires) =>
            await Tokens.AddAsync(new NewAccessToken(user.Id, "t", Oid(), "hs_", tokenRole, null, expires), Ct);
        var revokedLongAgo = await AddAsync(role, now.AddDays(30));
        await Tokens.RevokeAsync(user.Id, revokedLongAgo.Id, now.AddDays(-2), Ct);
        var expiredLongAgo = await AddAsync(role, now.AddDays(-2));
        var revokedRecently = await AddAsync(role, now.AddDays(30));
        await Tokens.RevokeAsync(user.Id, revokedRecently.Id, now.AddHours(-1), Ct);
        var expiredRecently = await AddAsync(role, now.AddHours(-1));
        var live = await AddAsync(role, now.AddDays(30));
        var otherRole = await AddAsync("write", null);
        await Tokens.RevokeAsync(user.Id, otherRole.Id, now.AddDays(-2), Ct);

        Assert.Equal(2, await Tokens.DeleteEndedAsync(role, cutoff, Ct));

        Assert.Equal(
            new[] { revokedRecently.Id, expiredRecently.Id, live.Id, otherRole.Id }.Order(),
            (await Tokens.ListAsync(user.Id, Ct)).Select(t => t.Id).Order());
        Assert.Equal(0, await Tokens.DeleteEndedAsync(role, cutoff, Ct));
    }
}
