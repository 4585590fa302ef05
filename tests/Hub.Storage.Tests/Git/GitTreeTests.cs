using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitTreeTests : IDisposable
{
    private const string Repo = "repo0001";
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<string> SetUpAsync()
    {
        var c0 = await _f.CreateRepoAsync();
        return await _f.CommitAsync(Repo, c0,
            GitStoreFixture.Add("README.md", "readme"),
            GitStoreFixture.Add("a.txt", "12345"),
            GitStoreFixture.Add("a/b/c.txt", "abc"),
            GitStoreFixture.Add("a/d.txt", "d"),
            GitStoreFixture.Add("a-b.txt", "ab"),
            GitStoreFixture.Add("z/1.bin", "1"));
    }

    private Task<GitTreePage> ListAsync(string commit, string path, bool recursive, string? cursor = null, int limit = 100) =>
        _f.Store.ListTreeAsync(Repo, commit, path, recursive, cursor, limit, CancellationToken.None);

    [Fact]
    public async Task Non_recursive_listing_shows_direct_children_sorted_by_path()
    {
        var commit = await SetUpAsync();

        var page = await ListAsync(commit, "", recursive: false);

        Assert.Null(page.NextCursor);
        Assert.Equal([".gitattributes", "README.md", "a", "a-b.txt", "a.txt", "z"], page.Entries.Select(e => e.Path));
        var file = page.Entries.Single(e => e.Path == "a.txt");
        Assert.Equal((GitEntryKind.File, 5L, "100644"), (file.Kind, file.Size, file.Mode));
        Assert.Equal(await _f.GitAsync(Repo, "rev-parse", commit + ":a.txt"), file.ObjectId);
        var folder = page.Entries.Single(e => e.Path == "a");
        Assert.Equal((GitEntryKind.Directory, 0L, "040000"), (folder.Kind, folder.Size, folder.Mode));
        Assert.Equal(await _f.GitAsync(Repo, "rev-parse", commit + ":a"), folder.ObjectId);
    }

    [Fact]
    public async Task Recursive_listing_includes_directories()
    {
        var commit = await SetUpAsync();

        var page = await ListAsync(commit, "", recursive: true);

        Assert.Equal(
            [".gitattributes", "README.md", "a", "a-b.txt", "a.txt", "a/b", "a/b/c.txt", "a/d.txt", "z", "z/1.bin"],
            page.Entries.Select(e => e.Path));
        Assert.Equal(GitEntryKind.Directory, page.Entries.Single(e => e.Path == "a/b").Kind);
    }

    [Fact]
    public async Task Listing_a_folder_shows_only_what_is_under_it_with_full_paths()
    {
        var commit = await SetUpAsync();

        Assert.Equal(["a/b", "a/d.txt"], (await ListAsync(commit, "a", recursive: false)).Entries.Select(e => e.Path));
        Assert.Equal(["a/b", "a/b/c.txt", "a/d.txt"], (await ListAsync(commit, "a/", recursive: true)).Entries.Select(e => e.Path));
        Assert.Equal(["a/b/c.txt"], (await ListAsync(commit, "a/b", recursive: true)).Entries.Select(e => e.Path));
    }

    [Fact]
    public async Task Pages_continue_from_the_cursor_until_the_end()
    {
        var commit = await SetUpAsync();
        var all = (await ListAsync(commit, "", recursive: true)).Entries.Select(e => e.Path).ToList();

        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await ListAsync(commit, "", recursive: true, cursor, limit: 3);
            Assert.InRange(page.Entries.Count, 1, 3);
            seen.AddRange(page.Entries.Select(e => e.Path));
            cursor = page.NextCursor;
            if (cursor is not null)
                Assert.Equal(page.Entries[^1].Path, cursor);
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(all, seen);
        Assert.Equal(4, pages);
        Assert.Equal(all, (await ListAsync(commit, "", recursive: true, limit: int.MaxValue)).Entries.Select(e => e.Path));
        Assert.Equal(all.Skip(5), (await ListAsync(commit, "", recursive: true, cursor: all[4])).Entries.Select(e => e.Path));
    }

    [Fact]
    public async Task Listing_a_missing_path_or_a_file_is_entry_not_found()
    {
        var commit = await SetUpAsync();

        await Assert.ThrowsAsync<GitEntryNotFoundException>(() => ListAsync(commit, "nope", recursive: false));
        await Assert.ThrowsAsync<GitEntryNotFoundException>(() => ListAsync(commit, "a.txt", recursive: true));
        await Assert.ThrowsAsync<GitEntryNotFoundException>(() => ListAsync(commit, "a/b/c.txt/x", recursive: false));
        await Assert.ThrowsAsync<GitPathException>(() => ListAsync(commit, "../a", recursive: false));
        await Assert.ThrowsAsync<ArgumentException>(() => ListAsync("main", "", recursive: false));
    }

    [Fact]
    public async Task Entries_are_found_by_path_and_the_root_is_a_directory()
    {
        var commit = await SetUpAsync();

        var root = await _f.Store.GetEntryAsync(Repo, commit, "", CancellationToken.None);
        var file = await _f.Store.GetEntryAsync(Repo, commit, "a/b/c.txt", CancellationToken.None);
        var folder = await _f.Store.GetEntryAsync(Repo, commit, "a/b", CancellationToken.None);

        Assert.Equal(new GitTreeEntry("", GitEntryKind.Directory, await _f.GitAsync(Repo, "rev-parse", commit + "^{tree}"), 0, "040000"), root);
        Assert.Equal(new GitTreeEntry("a/b/c.txt", GitEntryKind.File, await _f.GitAsync(Repo, "rev-parse", commit + ":a/b/c.txt"), 3, "100644"), file);
        Assert.Equal(GitEntryKind.Directory, folder!.Kind);
        Assert.Null(await _f.Store.GetEntryAsync(Repo, commit, "a/b/nope.txt", CancellationToken.None));
        Assert.Null(await _f.Store.GetEntryAsync(Repo, commit, "a.txt/x", CancellationToken.None));
        Assert.Null(await _f.Store.GetEntryAsync(Repo, commit, "A.TXT", CancellationToken.None));
        Assert.Null(await _f.Store.GetEntryAsync(Repo, new string('3', 40), "a.txt", CancellationToken.None));
    }

    [Fact]
    public async Task Blobs_that_do_not_exist_or_are_too_large_read_as_null()
    {
        var commit = await SetUpAsync();
        var tree = (await _f.Store.GetEntryAsync(Repo, commit, "a", CancellationToken.None))!.ObjectId;
        var blob = (await _f.Store.GetEntryAsync(Repo, commit, "a.txt", CancellationToken.None))!.ObjectId;

        Assert.Null(await _f.Store.OpenBlobAsync(Repo, new string('4', 40), CancellationToken.None));
        Assert.Null(await _f.Store.OpenBlobAsync(Repo, tree, CancellationToken.None));
        Assert.Null(await _f.Store.ReadBlobAsync(Repo, blob, 4, CancellationToken.None));
        Assert.Equal("12345"u8.ToArray(), await _f.Store.ReadBlobAsync(Repo, blob, 5, CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.OpenBlobAsync(Repo, "--batch-all-objects", CancellationToken.None));
    }

    [Fact]
    public async Task A_blob_stream_abandoned_half_way_is_disposed_without_waiting_for_git()
    {
        var c0 = await _f.CreateRepoAsync();
        var big = new byte[8 * 1024 * 1024];
        new Random(7).NextBytes(big);
        var commit = await _f.CommitAsync(Repo, c0, new GitAddFile("big.bin", big));
        var id = (await _f.Store.GetEntryAsync(Repo, commit, "big.bin", CancellationToken.None))!.ObjectId;

        for (var i = 0; i < 3; i++)
        {
            var stream = await _f.Store.OpenBlobAsync(Repo, id, CancellationToken.None);
            var head = new byte[1000];
            await stream!.ReadExactlyAsync(head, CancellationToken.None);
            Assert.Equal(big[..1000], head);
            if (i == 0)
                stream.Dispose();
            else
                await stream.DisposeAsync();
            Assert.Throws<ObjectDisposedException>(() => stream.ReadByte());
        }
    }
}
