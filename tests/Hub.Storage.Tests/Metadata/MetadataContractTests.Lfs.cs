using Hub.Storage.Metadata.Lfs;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Marking_an_object_verified_is_idempotent()
    {
        var oid = Oid();
        var at = Time.GetUtcNow().AddTicks(5555);

        await Lfs.MarkVerifiedAsync(oid, 42, at, Ct);
        await Lfs.MarkVerifiedAsync(oid, 42, at.AddHours(1), Ct);

        Assert.Equal(new LfsObjectRecord(oid, 42, true, Stored(at)), await Lfs.GetAsync(oid, Ct));
        Assert.Null(await Lfs.GetAsync(Oid(), Ct));
    }

    [Fact]
    public async Task Concurrent_marks_of_the_same_object_all_succeed()
    {
        var oid = Oid();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Lfs.MarkVerifiedAsync(oid, 7, Time.GetUtcNow(), Ct)));

        Assert.True((await Lfs.GetAsync(oid, Ct))?.Verified);
    }

    [Fact]
    public async Task FindVerified_returns_only_the_verified_objects_asked_for()
    {
        var verified = new[] { Oid(), Oid() };
        foreach (var oid in verified)
            await Lfs.MarkVerifiedAsync(oid, 1, Time.GetUtcNow(), Ct);
        var unverified = Oid();
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.LfsObjects.Add(new() { Oid = unverified, Size = 1, Verified = false, CreatedAt = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc) });
            await db.SaveChangesAsync(Ct);
        }

        var found = await Lfs.FindVerifiedAsync([.. verified, unverified, Oid()], Ct);

        Assert.Equal(verified.Order(), found.Order());
        Assert.Empty(await Lfs.FindVerifiedAsync([], Ct));

        await Lfs.MarkVerifiedAsync(unverified, 1, Time.GetUtcNow(), Ct);
        Assert.Contains(unverified, await Lfs.FindVerifiedAsync([unverified], Ct));
    }

    [Fact]
    public async Task GetLinked_answers_only_a_verified_object_the_repository_references()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "linked");
        var other = await NewRepoAsync(owner.Id, "linked-other");
        var (linked, elsewhere, unverified) = (Oid(), Oid(), Oid());
        var at = Time.GetUtcNow().AddTicks(777);
        await Lfs.MarkVerifiedAsync(linked, 11, at, Ct);
        await Lfs.MarkVerifiedAsync(elsewhere, 12, at, Ct);
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            db.LfsObjects.Add(new() { Oid = unverified, Size = 13, Verified = false, CreatedAt = DateTime.SpecifyKind(new DateTime(2026, 1, 1), DateTimeKind.Utc) });
            await db.SaveChangesAsync(Ct);
        }
        await Lfs.LinkAsync(repo.Id, [linked, unverified], at, Ct);
        await Lfs.LinkAsync(other.Id, [elsewhere], at, Ct);

        Assert.Equal(new LfsObjectRecord(linked, 11, true, Stored(at)), await Lfs.GetLinkedAsync(repo.Id, linked, Ct));
        Assert.Null(await Lfs.GetLinkedAsync(repo.Id, elsewhere, Ct));
        Assert.Null(await Lfs.GetLinkedAsync(repo.Id, unverified, Ct));
        Assert.Null(await Lfs.GetLinkedAsync(other.Id, linked, Ct));
        Assert.Null(await Lfs.GetLinkedAsync(repo.Id, Oid(), Ct));
    }

    [Fact]
    public async Task Linking_is_idempotent_and_safe_under_concurrency()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "lfs");
        var other = await NewRepoAsync(owner.Id, "lfs-other");
        var oids = Enumerable.Range(0, 20).Select(_ => Oid()).ToArray();
        foreach (var oid in oids)
            await Lfs.MarkVerifiedAsync(oid, 1, Time.GetUtcNow(), Ct);

        await Lfs.LinkAsync(repo.Id, oids[..5], Time.GetUtcNow(), Ct);
        await Lfs.LinkAsync(repo.Id, oids[..5], Time.GetUtcNow(), Ct);
        // Overlapping sets at once, as two pushes of related branches would send them.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Lfs.LinkAsync(repo.Id, oids[(i % 4)..(10 + i)], Time.GetUtcNow(), Ct)));
        await Lfs.LinkAsync(repo.Id, [], Time.GetUtcNow(), Ct);

        foreach (var oid in oids[..17])
            Assert.True(await Lfs.IsLinkedAsync(repo.Id, oid, Ct));
        foreach (var oid in oids[17..])
            Assert.False(await Lfs.IsLinkedAsync(repo.Id, oid, Ct));
        Assert.False(await Lfs.IsLinkedAsync(other.Id, oids[0], Ct));
        await using var db = await Contexts.CreateDbContextAsync(Ct);
        Assert.Equal(17, await db.RepositoryLfsObjects.CountAsync(l => l.RepositoryId == repo.Id, Ct));
    }

    [Fact]
    public async Task Creating_a_session_for_an_object_with_one_returns_the_existing_session()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "upload");
        var oid = Oid();
        var first = Session(repo.Id, oid, Time.GetUtcNow().AddTicks(3)) with { MultipartUploadId = "mpu-1", ChunkSize = 8 << 20, PartCount = 3 };

        var created = await Lfs.CreateSessionAsync(first, Ct);
        var again = await Lfs.CreateSessionAsync(Session(repo.Id, oid, Time.GetUtcNow()), Ct);
        var racing = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Lfs.CreateSessionAsync(Session(repo.Id, oid, Time.GetUtcNow()), Ct)));

        Assert.Equal(first with { CreatedAt = Stored(first.CreatedAt), ExpiresAt = Stored(first.ExpiresAt) }, created);
        Assert.Equal(created, again);
        Assert.All(racing, r => Assert.Equal(created, r));
        Assert.Equal(created, await Lfs.GetSessionAsync(first.Id, Ct));
        Assert.Equal(created, await Lfs.GetSessionForObjectAsync(oid, Ct));

        await Lfs.DeleteSessionAsync(first.Id, Ct);
        await Lfs.DeleteSessionAsync(first.Id, Ct);

        Assert.Null(await Lfs.GetSessionAsync(first.Id, Ct));
        Assert.Null(await Lfs.GetSessionForObjectAsync(oid, Ct));
        var next = Session(repo.Id, oid, Time.GetUtcNow());
        Assert.Equal(next.Id, (await Lfs.CreateSessionAsync(next, Ct)).Id);
    }

    [Fact]
    public async Task Concurrent_first_sessions_for_one_object_agree_on_one()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "upload-race");
        var oid = Oid();

        var sessions = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Lfs.CreateSessionAsync(Session(repo.Id, oid, Time.GetUtcNow()), Ct)));

        Assert.Single(sessions.Select(s => s.Id).Distinct());
    }

    [Fact]
    public async Task Expired_sessions_are_listed_oldest_first()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "expiry");
        // Far in the past so that no other test's sessions are older than these (the database is shared).
        var origin = new DateTimeOffset(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var later = await Lfs.CreateSessionAsync(Session(repo.Id, Oid(), origin, TimeSpan.FromMinutes(30)), Ct);
        var earlier = await Lfs.CreateSessionAsync(Session(repo.Id, Oid(), origin, TimeSpan.FromMinutes(10)), Ct);
        var live = await Lfs.CreateSessionAsync(Session(repo.Id, Oid(), origin, TimeSpan.FromHours(2)), Ct);

        var expired = await Lfs.ListExpiredSessionsAsync(origin.AddHours(1), 10, Ct);

        Assert.Equal([earlier.Id, later.Id], expired.Select(s => s.Id));
        Assert.Equal([earlier.Id], (await Lfs.ListExpiredSessionsAsync(origin.AddHours(1), 1, Ct)).Select(s => s.Id));
        Assert.DoesNotContain(live.Id, (await Lfs.ListExpiredSessionsAsync(origin.AddHours(1), 10, Ct)).Select(s => s.Id));
    }
}
