using Hub.Storage.Metadata.Gating;
using Hub.Storage.Metadata.Maintenance;
using Hub.Storage.Metadata.Repositories;
using Hub.Storage.Metadata.Scanning;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    private IAccessRequestStore AccessRequests => Database.Services.GetRequiredService<IAccessRequestStore>();

    private IFileScanStore Scans => Database.Services.GetRequiredService<IFileScanStore>();

    private IMaintenanceStore Maintenance => Database.Services.GetRequiredService<IMaintenanceStore>();

    [Fact]
    public async Task Access_requests_keep_the_first_answer_until_an_admin_decides()
    {
        var owner = await NewUserAsync("owner");
        var alice = await NewUserAsync("alice");
        var bob = await NewUserAsync("bob");
        var repo = await NewRepoAsync(owner.Id, Unique("gated"));
        var asked = await AccessRequests.RequestAsync(repo.Id, alice.Id, AccessRequestStatus.Pending, "{\"reason\":\"x\"}", Time.GetUtcNow(), Ct);
        Assert.Equal((alice.Name, AccessRequestStatus.Pending, "{\"reason\":\"x\"}"), (asked.UserName, asked.Status, asked.Fields));
        Time.Advance(TimeSpan.FromSeconds(1));
        await AccessRequests.RequestAsync(repo.Id, bob.Id, AccessRequestStatus.Pending, null, Time.GetUtcNow(), Ct);
        // Asking again changes nothing.
        Assert.Equal(AccessRequestStatus.Pending, (await AccessRequests.RequestAsync(repo.Id, alice.Id, AccessRequestStatus.Accepted, null, Time.GetUtcNow(), Ct)).Status);
        Assert.Equal([alice.Name, bob.Name], (await AccessRequests.ListAsync(repo.Id, AccessRequestStatus.Pending, 10, Ct)).Select(r => r.UserName));

        Assert.True(await AccessRequests.SetStatusAsync(repo.Id, alice.Id, AccessRequestStatus.Accepted, owner.Id, Time.GetUtcNow(), createIfMissing: false, Ct));
        var decided = await AccessRequests.GetAsync(repo.Id, alice.Id, Ct);
        Assert.Equal((AccessRequestStatus.Accepted, (long?)owner.Id), (decided!.Status, decided.DecidedByUserId));
        Assert.Equal([bob.Name], (await AccessRequests.ListAsync(repo.Id, AccessRequestStatus.Pending, 10, Ct)).Select(r => r.UserName));

        var carol = await NewUserAsync("carol");
        Assert.False(await AccessRequests.SetStatusAsync(repo.Id, carol.Id, AccessRequestStatus.Rejected, owner.Id, Time.GetUtcNow(), createIfMissing: false, Ct));
        Assert.True(await AccessRequests.SetStatusAsync(repo.Id, carol.Id, AccessRequestStatus.Accepted, owner.Id, Time.GetUtcNow(), createIfMissing: true, Ct));
        Assert.Equal(AccessRequestStatus.Accepted, (await AccessRequests.GetAsync(repo.Id, carol.Id, Ct))!.Status);
        await Assert.ThrowsAsync<ArgumentException>(() => AccessRequests.ListAsync(repo.Id, "maybe", 10, Ct));

        await Repositories.DeleteAsync(repo.Id, Ct);
        Assert.Null(await AccessRequests.GetAsync(repo.Id, alice.Id, Ct));
    }

    [Fact]
    public async Task Scan_verdicts_are_kept_by_content_and_replaced_on_rescan()
    {
        var key = "sha256:" + Oid();
        var other = "git:" + Oid()[..40];
        var first = new FileScanRecord(key, "unsafe", "[{\"module\":\"os\",\"name\":\"system\",\"safety\":\"dangerous\"}]", "[\"x\"]", 1, Stored(Time.GetUtcNow()));
        await Scans.PutAsync(first, Ct);
        await Scans.PutAsync(new FileScanRecord(other, "safe", null, null, 1, Stored(Time.GetUtcNow())), Ct);
        var found = await Scans.GetManyAsync([key, other, "git:missing"], Ct);
        Assert.Equal(first, found[key]);
        Assert.Equal(2, found.Count);
        var quarantined = first with { Status = "quarantined", ScannerVersion = 2 };
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Scans.PutAsync(quarantined, Ct)));
        Assert.Equal(quarantined, (await Scans.GetManyAsync([key], Ct))[key]);
        Assert.Contains(await Scans.ListAsync("quarantined", 1000, Ct), s => s.ContentKey == key);
    }

    [Fact]
    public async Task Maintenance_pages_repositories_and_fences_off_lfs_objects()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, Unique("m"));
        var heads = new List<RepositoryHeadRecord>();
        string? after = null;
        while (true)
        {
            var page = await Maintenance.ListRepositoryHeadsAsync(after, 7, Ct);
            heads.AddRange(page);
            if (page.Count < 7) break;
            after = page[^1].Id;
        }
        Assert.Equal(heads.Select(h => h.Id).Order(StringComparer.Ordinal), heads.Select(h => h.Id));
        Assert.Contains(heads, h => h.Id == repo.Id && h.DefaultBranch == "main");

        var kept = Oid();
        var doomed = Oid();
        foreach (var oid in new[] { kept, doomed }) await Lfs.MarkVerifiedAsync(oid, 5, Time.GetUtcNow(), Ct);
        await Lfs.LinkAsync(repo.Id, [kept, doomed], Time.GetUtcNow(), Ct);
        Time.Advance(TimeSpan.FromMinutes(1));
        var listed = await Maintenance.ListLfsObjectsAsync(null, Time.GetUtcNow(), 1000, Ct);
        Assert.Contains(listed, o => o.Oid == doomed);
        Assert.DoesNotContain(await Maintenance.ListLfsObjectsAsync(null, Time.GetUtcNow().AddMinutes(-2), 1000, Ct), o => o.Oid == doomed);

        Assert.Equal(1, await Maintenance.SetVerifiedAsync([doomed], verified: false, Ct));
        // Only unverified objects are deleted: the verified one survives being named.
        Assert.Equal([doomed], await Maintenance.DeleteUnverifiedLfsObjectsAsync([kept, doomed], Ct));
        Assert.Null(await Lfs.GetAsync(doomed, Ct));
        Assert.False(await Lfs.IsLinkedAsync(repo.Id, doomed, Ct));
        Assert.True(await Lfs.IsLinkedAsync(repo.Id, kept, Ct));
    }

    [Fact]
    public async Task A_released_job_lease_is_due_again_but_only_for_its_holder()
    {
        var job = Unique("job");
        Assert.True(await Jobs.TryClaimAsync(job, "a", TimeSpan.FromHours(1), Ct));
        Assert.False(await Jobs.ReleaseAsync(job, "b", Ct));
        Assert.False(await Jobs.TryClaimAsync(job, "b", TimeSpan.FromHours(1), Ct));
        Assert.True(await Jobs.ReleaseAsync(job, "a", Ct));
        Assert.True(await Jobs.TryClaimAsync(job, "b", TimeSpan.FromHours(1), Ct));
    }

    [Fact]
    public async Task Viewer_with_named_repositories_sees_those_private_ones_only()
    {
        var owner = await NewUserAsync();
        var named = await NewRepoAsync(owner.Id, Unique("named"), isPrivate: true);
        var hidden = await NewRepoAsync(owner.Id, Unique("hidden"), isPrivate: true);
        var viewer = new RepositoryViewer(owner.Id, [], false, [named.Id]);
        var page = await Repositories.ListAsync(new RepositoryQuery("model", viewer, Author: owner.Name, Limit: 100), Ct);
        Assert.Equal([named.Id], page.Items.Select(r => r.Id));
        _ = hidden;
    }
}
