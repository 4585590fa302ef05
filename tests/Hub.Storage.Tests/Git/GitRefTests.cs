using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitRefTests : IDisposable
{
    private const string Repo = "repo0001";
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Refs_are_created_and_moved_with_compare_and_swap()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "a"));

        await _f.Store.UpdateRefAsync(Repo, "refs/heads/dev", c0, null, CancellationToken.None);
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.UpdateRefAsync(Repo, "refs/heads/dev", c1, null, CancellationToken.None));
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.UpdateRefAsync(Repo, "refs/heads/dev", c1, c1, CancellationToken.None));
        Assert.Equal(c0, await _f.HeadAsync(Repo, "dev"));

        await _f.Store.UpdateRefAsync(Repo, "refs/heads/dev", c1, c0, CancellationToken.None);

        Assert.Equal(c1, await _f.HeadAsync(Repo, "dev"));
        // A name that clashes with an existing ref as a folder is a conflict too.
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.UpdateRefAsync(Repo, "refs/heads/dev/x", c1, null, CancellationToken.None));
    }

    [Fact]
    public async Task Refs_cannot_point_at_missing_objects_and_branches_only_at_commits()
    {
        var c0 = await _f.CreateRepoAsync();
        var blob = (await _f.Store.GetEntryAsync(Repo, c0, ".gitattributes", CancellationToken.None))!.ObjectId;

        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.UpdateRefAsync(Repo, "refs/heads/x", new string('6', 40), null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.UpdateRefAsync(Repo, "refs/heads/x", blob, null, CancellationToken.None));
        Assert.Null(await _f.Store.ResolveAsync(Repo, "x", CancellationToken.None));
    }

    [Theory]
    [InlineData("main")]
    [InlineData("refs/heads/a..b")]
    [InlineData("refs/heads/x.lock")]
    [InlineData("refs/heads/.hidden")]
    [InlineData("refs/heads/with space")]
    [InlineData("refs/heads/x^")]
    [InlineData("refs/heads/x:y")]
    [InlineData("refs/heads/x@{1}")]
    [InlineData("refs/heads/")]
    [InlineData("refs//heads/x")]
    [InlineData("--no-deref")]
    public async Task Invalid_ref_names_are_refused(string refName)
    {
        var c0 = await _f.CreateRepoAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.UpdateRefAsync(Repo, refName, c0, null, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.DeleteRefAsync(Repo, refName, null, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_ref_checks_what_it_holds()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "a"));
        await _f.Store.UpdateRefAsync(Repo, "refs/heads/dev", c0, null, CancellationToken.None);
        await _f.Store.UpdateRefAsync(Repo, "refs/pr/1", c0, null, CancellationToken.None);

        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.DeleteRefAsync(Repo, "refs/heads/dev", c1, CancellationToken.None));
        Assert.Equal(c0, await _f.HeadAsync(Repo, "dev"));

        await _f.Store.DeleteRefAsync(Repo, "refs/heads/dev", c0, CancellationToken.None);
        await _f.Store.DeleteRefAsync(Repo, "refs/pr/1", null, CancellationToken.None);

        Assert.Null(await _f.Store.ResolveAsync(Repo, "dev", CancellationToken.None));
        Assert.Null(await _f.Store.ResolveAsync(Repo, "refs/pr/1", CancellationToken.None));
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.DeleteRefAsync(Repo, "refs/heads/dev", c0, CancellationToken.None));
        await _f.Store.DeleteRefAsync(Repo, "refs/heads/dev", null, CancellationToken.None);
        Assert.Equal(c1, await _f.HeadAsync(Repo));
    }

    [Fact]
    public async Task Annotated_tags_are_created_once()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "a"));

        await _f.Store.CreateTagAsync(Repo, "v1", c0, "Release 1\n\nNotes", GitStoreFixture.Alice, CancellationToken.None);
        await _f.Store.CreateTagAsync(Repo, "nightly/2024-05-06", c1, null, GitStoreFixture.Alice, CancellationToken.None);
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.CreateTagAsync(Repo, "v1", c1, null, GitStoreFixture.Alice, CancellationToken.None));

        Assert.Equal("tag", await _f.GitAsync(Repo, "cat-file", "-t", "refs/tags/v1"));
        Assert.Equal("Release 1\n\nNotes", await _f.GitAsync(Repo, "tag", "-l", "--format=%(contents)", "v1"));
        Assert.Equal("Alice Example <alice@example.com> 1714972089 +0200", await _f.GitAsync(Repo, "for-each-ref", "--format=%(taggername) %(taggeremail) %(taggerdate:raw)", "refs/tags/v1"));
        Assert.Equal(new GitResolvedRevision(c0, "refs/tags/v1"), await _f.Store.ResolveAsync(Repo, "v1", CancellationToken.None));
        Assert.Equal(new GitResolvedRevision(c1, "refs/tags/nightly/2024-05-06"), await _f.Store.ResolveAsync(Repo, "nightly/2024-05-06", CancellationToken.None));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task Tags_with_bad_names_or_targets_are_refused()
    {
        var c0 = await _f.CreateRepoAsync();
        var blob = (await _f.Store.GetEntryAsync(Repo, c0, ".gitattributes", CancellationToken.None))!.ObjectId;

        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CreateTagAsync(Repo, "bad name", c0, null, GitStoreFixture.Alice, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CreateTagAsync(Repo, "x..y", c0, null, GitStoreFixture.Alice, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CreateTagAsync(Repo, "v2", new string('7', 40), null, GitStoreFixture.Alice, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CreateTagAsync(Repo, "v3", blob, null, GitStoreFixture.Alice, CancellationToken.None));
        Assert.Single(await _f.Store.ListRefsAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task Fsck_reports_a_corrupted_repository()
    {
        var c0 = await _f.CreateRepoAsync();
        var blob = (await _f.Store.GetEntryAsync(Repo, c0, ".gitattributes", CancellationToken.None))!.ObjectId;
        File.Delete(Path.Combine(_f.Store.GetPath(Repo), "objects", blob[..2], blob[2..]));

        var problems = await _f.Store.FsckAsync(Repo, CancellationToken.None);

        Assert.Contains(problems, p => p.Contains(blob, StringComparison.Ordinal));
    }
}
