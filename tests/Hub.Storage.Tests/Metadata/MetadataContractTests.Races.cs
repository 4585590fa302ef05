using Hub.Storage.Metadata;
using Hub.Storage.Metadata.Accounts;
using Hub.Storage.Metadata.Entities;
using Hub.Storage.Metadata.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task The_provider_reports_a_duplicate_key_as_a_unique_violation_and_nothing_else()
    {
        // The stores check before inserting, but only the unique index settles a race; this is how they recognise it.
        var name = Unique("dup");
        await Accounts.CreateUserAsync(name, null, null, "hash", false, Ct);

        await using var db = await Contexts.CreateDbContextAsync(Ct);
        db.Namespaces.Add(new NamespaceEntity { Name = name.ToUpperInvariant(), NormalizedName = name, Kind = NamespaceKind.Organization, CreatedAt = DbTime.Now(Time) });
        var duplicate = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        db.ChangeTracker.Clear();
        db.Memberships.Add(new MembershipEntity { OrganizationId = long.MaxValue, UserId = long.MaxValue, Role = "read", CreatedAt = DbTime.Now(Time) });
        var missingParent = await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));

        Assert.True(DbErrors.IsUniqueViolation(duplicate));
        Assert.False(DbErrors.IsUniqueViolation(missingParent));
    }

    [Fact]
    public async Task Concurrent_creations_of_one_name_leave_exactly_one_owner()
    {
        var name = Unique("race");
        var creator = await NewUserAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Outcome(i % 2 == 0
            ? Accounts.CreateUserAsync(i == 0 ? name : name.ToUpperInvariant(), null, null, "hash", false, Ct)
            : Accounts.CreateOrganizationAsync(name, null, creator.Id, Ct))));

        Assert.Equal(1, attempts.Count(a => a is null));
        Assert.All(attempts.Where(a => a is not null), a => Assert.IsType<NameTakenException>(a));
        Assert.NotNull(await Accounts.FindNamespaceAsync(name, Ct));
    }

    [Fact]
    public async Task Concurrent_creations_of_one_repository_leave_exactly_one()
    {
        var owner = await NewUserAsync();

        var attempts = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Outcome(NewRepoAsync(owner.Id, i % 2 == 0 ? "Same" : "same"))));

        Assert.Equal(1, attempts.Count(a => a is null));
        Assert.All(attempts.Where(a => a is not null), a => Assert.IsType<RepositoryExistsException>(a));
        var page = await Repositories.ListAsync(new RepositoryQuery("model", RepositoryViewer.Anonymous, Author: owner.Name), Ct);
        Assert.Single(page.Items);
    }

    private static async Task<Exception?> Outcome(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (Exception e)
        {
            return e;
        }
    }
}
