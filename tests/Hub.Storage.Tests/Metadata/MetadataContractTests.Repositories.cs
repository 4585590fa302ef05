using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Repositories;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Tests.Metadata;

public abstract partial class MetadataContractTests
{
    [Fact]
    public async Task Created_repository_has_a_24_hex_id_and_is_found_in_any_case()
    {
        var owner = await NewUserAsync("Owner");
        var createdAt = Time.GetUtcNow().AddTicks(9999);

        var repo = await Repositories.CreateAsync(new NewRepository("space", owner.Id, "My-Space", true, "auto", "gradio", createdAt), Ct);

        Assert.Matches("^[0-9a-f]{24}$", repo.Id);
        Assert.Equal($"{owner.Name}/My-Space", repo.FullName);
        Assert.Equal(owner.Name, repo.Namespace);
        Assert.Equal(("space", owner.Id, true, "auto", "gradio", "main"), (repo.Type, repo.NamespaceId, repo.Private, repo.Gated, repo.Sdk, repo.DefaultBranch));
        Assert.Equal(Stored(createdAt), repo.CreatedAt);
        Assert.Empty(repo.Tags);
        Assert.Equal(repo, await Repositories.FindAsync("space", repo.FullName.ToUpperInvariant(), Ct), RecordComparer.Instance);
        Assert.Equal(repo, await Repositories.GetAsync(repo.Id, Ct), RecordComparer.Instance);
        Assert.Null(await Repositories.FindAsync("model", repo.FullName, Ct));
        Assert.Null(await Repositories.GetAsync("000000000000000000000000", Ct));
    }

    [Fact]
    public async Task Creating_a_repository_whose_name_exists_in_any_case_throws()
    {
        var owner = await NewUserAsync();
        await NewRepoAsync(owner.Id, "Model-A");

        await Assert.ThrowsAsync<RepositoryExistsException>(() => NewRepoAsync(owner.Id, "model-a"));
        await Assert.ThrowsAsync<RepositoryExistsException>(() => NewRepoAsync(owner.Id, "MODEL-A"));
        // Names are unique per type: a dataset may share the model's name.
        Assert.Equal("dataset", (await NewRepoAsync(owner.Id, "model-a", type: "dataset")).Type);
    }

    [Fact]
    public async Task Moved_repository_is_found_under_its_new_name_and_through_its_old_one()
    {
        var owner = await NewUserAsync();
        var org = await Accounts.CreateOrganizationAsync(Unique("org"), null, owner.Id, Ct);
        var repo = await NewRepoAsync(owner.Id, "before");
        var taken = await NewRepoAsync(org.Id, "taken");

        var moved = await Repositories.MoveAsync(repo.Id, org.Id, "After", Time.GetUtcNow(), Ct);

        Assert.Equal((repo.Id, org.Id, org.Name, "After"), (moved.Id, moved.NamespaceId, moved.Namespace, moved.Name));
        Assert.Equal(repo.Id, (await Repositories.FindAsync("model", $"{org.Name}/after", Ct))?.Id);
        Assert.Null(await Repositories.FindAsync("model", repo.FullName, Ct));
        Assert.Equal(moved, await Repositories.FindMovedAsync("model", repo.FullName.ToUpperInvariant(), Ct), RecordComparer.Instance);
        Assert.Null(await Repositories.FindMovedAsync("dataset", repo.FullName, Ct));
        await Assert.ThrowsAsync<RepositoryExistsException>(() => Repositories.MoveAsync(repo.Id, org.Id, "TAKEN", Time.GetUtcNow(), Ct));
        Assert.Equal(taken.Id, (await Repositories.FindAsync("model", taken.FullName, Ct))?.Id);

        // Moving back: the old name is live again and no redirect claims it; the second name now redirects.
        await Repositories.MoveAsync(repo.Id, owner.Id, "before", Time.GetUtcNow(), Ct);
        Assert.Equal(repo.Id, (await Repositories.FindAsync("model", repo.FullName, Ct))?.Id);
        Assert.Null(await Repositories.FindMovedAsync("model", repo.FullName, Ct));
        Assert.Equal(repo.Id, (await Repositories.FindMovedAsync("model", moved.FullName, Ct))?.Id);

        // A change of case only renames.
        var recased = await Repositories.MoveAsync(repo.Id, owner.Id, "BEFORE", Time.GetUtcNow(), Ct);
        Assert.Equal($"{owner.Name}/BEFORE", recased.FullName);
        Assert.Null(await Repositories.FindMovedAsync("model", repo.FullName, Ct));
    }

    [Fact]
    public async Task A_new_repository_at_a_moved_away_name_replaces_the_redirect()
    {
        var owner = await NewUserAsync();
        var first = await NewRepoAsync(owner.Id, "name");
        await Repositories.MoveAsync(first.Id, owner.Id, "renamed", Time.GetUtcNow(), Ct);

        var second = await NewRepoAsync(owner.Id, "name");

        Assert.Equal(second.Id, (await Repositories.FindAsync("model", second.FullName, Ct))?.Id);
        Assert.Null(await Repositories.FindMovedAsync("model", second.FullName, Ct));

        // And when that one moves too, the old name now leads to it.
        await Repositories.MoveAsync(second.Id, owner.Id, "other", Time.GetUtcNow(), Ct);
        Assert.Equal(second.Id, (await Repositories.FindMovedAsync("model", second.FullName, Ct))?.Id);
    }

    [Fact]
    public async Task Settings_change_visibility_and_gating_and_leave_unset_ones_alone()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "settings");

        var gated = await Repositories.UpdateSettingsAsync(repo.Id, null, "manual", Ct);
        Assert.Equal((false, "manual"), (gated.Private, gated.Gated));
        var hidden = await Repositories.UpdateSettingsAsync(repo.Id, true, null, Ct);
        Assert.Equal((true, "manual"), (hidden.Private, hidden.Gated));
        Assert.Equal(hidden, await Repositories.GetAsync(repo.Id, Ct), RecordComparer.Instance);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Repositories.UpdateSettingsAsync(repo.Id, null, "yes", Ct));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Repositories.UpdateSettingsAsync("000000000000000000000000", true, null, Ct));
    }

    [Fact]
    public async Task UpdateIndex_replaces_the_tags_and_the_indexed_columns()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "indexed");
        var modified = Time.GetUtcNow().AddDays(1).AddTicks(7777);

        await Repositories.UpdateIndexAsync(repo.Id, new RepositoryIndexUpdate(
            new string('a', 40), modified, "{\"license\":\"mit\"}", "fill-mask", "transformers", "{\"x\":1}", ["b", "a", "license:mit", "a"]), Ct);

        var indexed = await Repositories.GetAsync(repo.Id, Ct);
        Assert.NotNull(indexed);
        Assert.Equal(["a", "b", "license:mit"], indexed.Tags);
        Assert.Equal((new string('a', 40), Stored(modified), "{\"license\":\"mit\"}", "fill-mask", "transformers", "{\"x\":1}"),
            (indexed.HeadCommit, indexed.LastModified, indexed.CardData, indexed.PipelineTag, indexed.LibraryName, indexed.IndexedData));

        await Repositories.UpdateIndexAsync(repo.Id, new RepositoryIndexUpdate(
            new string('b', 40), modified.AddHours(1), null, null, null, null, ["b", "c"]), Ct);

        var reindexed = await Repositories.FindAsync("model", repo.FullName, Ct);
        Assert.NotNull(reindexed);
        Assert.Equal(["b", "c"], reindexed.Tags);
        Assert.Equal((new string('b', 40), (string?)null, (string?)null), (reindexed.HeadCommit, reindexed.PipelineTag, reindexed.CardData));
        await Assert.ThrowsAsync<KeyNotFoundException>(() => Repositories.UpdateIndexAsync("000000000000000000000000",
            new RepositoryIndexUpdate(new string('b', 40), modified, null, null, null, null, []), Ct));
    }

    [Fact]
    public async Task Deleting_a_repository_removes_its_tags_lfs_links_sessions_and_redirects()
    {
        var owner = await NewUserAsync();
        var repo = await NewRepoAsync(owner.Id, "doomed");
        var keep = await NewRepoAsync(owner.Id, "kept");
        var oid = Oid();
        await Lfs.MarkVerifiedAsync(oid, 10, Time.GetUtcNow(), Ct);
        await Lfs.LinkAsync(repo.Id, [oid], Time.GetUtcNow(), Ct);
        await Lfs.LinkAsync(keep.Id, [oid], Time.GetUtcNow(), Ct);
        var session = await Lfs.CreateSessionAsync(Session(repo.Id, Oid(), Time.GetUtcNow()), Ct);
        await Repositories.UpdateIndexAsync(repo.Id, new RepositoryIndexUpdate(new string('c', 40), Time.GetUtcNow(), null, null, null, null, ["gone"]), Ct);
        var moved = await Repositories.MoveAsync(repo.Id, owner.Id, "doomed-2", Time.GetUtcNow(), Ct);

        Assert.True(await Repositories.DeleteAsync(repo.Id, Ct));

        Assert.Null(await Repositories.GetAsync(repo.Id, Ct));
        Assert.Null(await Repositories.FindAsync("model", moved.FullName, Ct));
        Assert.Null(await Repositories.FindMovedAsync("model", repo.FullName, Ct));
        Assert.False(await Lfs.IsLinkedAsync(repo.Id, oid, Ct));
        Assert.Null(await Lfs.GetSessionAsync(session.Id, Ct));
        await using (var db = await Contexts.CreateDbContextAsync(Ct))
        {
            Assert.False(await db.RepositoryTags.AnyAsync(t => t.RepositoryId == repo.Id, Ct));
            Assert.False(await db.RepositoryRedirects.AnyAsync(t => t.RepositoryId == repo.Id, Ct));
        }
        // Other repositories and the shared object itself stay.
        Assert.True(await Lfs.IsLinkedAsync(keep.Id, oid, Ct));
        Assert.NotNull(await Lfs.GetAsync(oid, Ct));
        Assert.False(await Repositories.DeleteAsync(repo.Id, Ct));
    }

    private static UploadSessionRecord Session(string repositoryId, string oid, DateTimeOffset createdAt, TimeSpan? lifetime = null) =>
        new(Guid.NewGuid().ToString("N"), repositoryId, oid, 1234, $"staging/{oid}", null, 0, 1, createdAt, createdAt + (lifetime ?? TimeSpan.FromHours(1)));
}
