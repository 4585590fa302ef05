using System.Text;
using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitCommitTests : IDisposable
{
    private const string Repo = "repo0001";
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<List<string>> FilesAsync(string commit) =>
        (await _f.Store.ListTreeAsync(Repo, commit, "", true, null, 1000, CancellationToken.None)).Entries
            .Where(e => e.Kind == GitEntryKind.File).Select(e => e.Path).ToList();

    [Fact]
    public async Task Commit_adds_replaces_and_deletes_files_and_folders()
    {
        var c0 = await _f.CreateRepoAsync();

        var c1 = await _f.CommitAsync(Repo, c0,
            GitStoreFixture.Add("README.md", "# hello"),
            GitStoreFixture.Add("config/a.json", "{}"),
            GitStoreFixture.Add("config/deep/b.json", "[]"),
            GitStoreFixture.Add("other/c.txt", "c"));
        var c2 = await _f.CommitAsync(Repo, c1,
            GitStoreFixture.Add("README.md", "# changed"),
            new GitDeleteFile("other/c.txt"),
            new GitDeleteFolder("config/"));

        Assert.Equal([".gitattributes", "README.md", "config/a.json", "config/deep/b.json", "other/c.txt"], await FilesAsync(c1));
        Assert.Equal([".gitattributes", "README.md"], await FilesAsync(c2));
        Assert.Equal("# hello", await _f.ReadTextAsync(Repo, c1, "README.md"));
        Assert.Equal("# changed", await _f.ReadTextAsync(Repo, c2, "README.md"));
        Assert.Equal(c2, await _f.HeadAsync(Repo));
        Assert.Equal($"{c2} {c1}", await _f.GitAsync(Repo, "rev-list", "--parents", "-1", "main"));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task Binary_content_round_trips_and_its_id_is_gits_blob_sha1()
    {
        var c0 = await _f.CreateRepoAsync();
        var content = new byte[3 * 1024 * 1024 + 17];
        new Random(42).NextBytes(content);
        content[0] = 0;
        content[^1] = (byte)'\n';

        var c1 = await _f.CommitAsync(Repo, c0, new GitAddFile("weights/model.bin", content), new GitAddFile("empty.txt", Array.Empty<byte>()));

        var entry = await _f.Store.GetEntryAsync(Repo, c1, "weights/model.bin", CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal(content.Length, entry.Size);
        Assert.Equal("100644", entry.Mode);
        Assert.Equal(await _f.GitAsync(Repo, content, "hash-object", "--stdin"), entry.ObjectId);
        Assert.Equal(content, await _f.Store.ReadBlobAsync(Repo, entry.ObjectId, content.Length, CancellationToken.None));
        await using (var stream = await _f.Store.OpenBlobAsync(Repo, entry.ObjectId, CancellationToken.None))
        {
            Assert.NotNull(stream);
            Assert.Equal(content.Length, stream.Length);
            using var copy = new MemoryStream();
            await stream.CopyToAsync(copy, CancellationToken.None);
            Assert.Equal(content, copy.ToArray());
        }

        var empty = await _f.Store.GetEntryAsync(Repo, c1, "empty.txt", CancellationToken.None);
        Assert.Equal("e69de29bb2d1d6434b8b29ae775ad8c2e48c5391", empty!.ObjectId);
        Assert.Equal(Array.Empty<byte>(), await _f.Store.ReadBlobAsync(Repo, empty.ObjectId, 0, CancellationToken.None));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task Many_files_in_one_commit_are_all_written()
    {
        var c0 = await _f.CreateRepoAsync();
        var binary = new byte[100_000];
        new Random(3).NextBytes(binary);
        var adds = Enumerable.Range(0, 250).Select(i => (GitFileOperation)GitStoreFixture.Add($"d{i % 7}/f{i}.txt", $"file {i}"))
            .Append(new GitAddFile("binary.bin", binary))
            .ToArray();
        Assert.True(adds.Length > GitCommitWriter.MaxSeparateBlobs);

        var c1 = await _f.CommitAsync(Repo, c0, adds);

        Assert.Equal(252, (await FilesAsync(c1)).Count);
        Assert.Equal("file 249", await _f.ReadTextAsync(Repo, c1, "d4/f249.txt"));
        var entry = await _f.Store.GetEntryAsync(Repo, c1, "binary.bin", CancellationToken.None);
        Assert.Equal(await _f.GitAsync(Repo, binary, "hash-object", "--stdin"), entry!.ObjectId);
        Assert.Equal(binary, await _f.Store.ReadBlobAsync(Repo, entry.ObjectId, binary.Length, CancellationToken.None));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task Deleting_a_missing_file_is_entry_not_found_and_moves_nothing()
    {
        var c0 = await _f.CreateRepoAsync();

        var error = await Assert.ThrowsAsync<GitEntryNotFoundException>(() =>
            _f.CommitAsync(Repo, c0, GitStoreFixture.Add("new.txt", "x"), new GitDeleteFile("missing.txt")));

        Assert.Contains("A file with this name doesn't exist", error.Message, StringComparison.Ordinal);
        Assert.Contains("missing.txt", error.Message, StringComparison.Ordinal);
        Assert.Equal(c0, await _f.HeadAsync(Repo));
    }

    [Fact]
    public async Task Deleting_a_missing_folder_or_a_file_as_a_folder_is_entry_not_found()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("dir/a.txt", "a"), GitStoreFixture.Add("dir0", "not inside dir"));

        var missing = await Assert.ThrowsAsync<GitEntryNotFoundException>(() => _f.CommitAsync(Repo, c1, new GitDeleteFolder("nope")));
        var file = await Assert.ThrowsAsync<GitEntryNotFoundException>(() => _f.CommitAsync(Repo, c1, new GitDeleteFolder("dir0")));
        var folderAsFile = await Assert.ThrowsAsync<GitEntryNotFoundException>(() => _f.CommitAsync(Repo, c1, new GitDeleteFile("dir")));

        Assert.Contains("A folder with this name doesn't exist: 'nope'", missing.Message, StringComparison.Ordinal);
        Assert.Contains("is a file", file.Message, StringComparison.Ordinal);
        Assert.Contains("it is a folder", folderAsFile.Message, StringComparison.Ordinal);
        Assert.Equal(c1, await _f.HeadAsync(Repo));
        var c2 = await _f.CommitAsync(Repo, c1, new GitDeleteFolder("dir"));
        Assert.Equal([".gitattributes", "dir0"], await FilesAsync(c2));
    }

    [Fact]
    public async Task Operations_apply_in_order_so_delete_then_add_of_one_path_is_legal()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "one"));

        var c2 = await _f.CommitAsync(Repo, c1, new GitDeleteFile("a.txt"), GitStoreFixture.Add("a.txt", "two"), GitStoreFixture.Add("a.txt", "three"));

        Assert.Equal("three", await _f.ReadTextAsync(Repo, c2, "a.txt"));
        // Only the surviving blob was written.
        Assert.Equal("missing", (await _f.GitAsync(Repo, Encoding.ASCII.GetBytes(await _f.GitAsync(Repo, Encoding.UTF8.GetBytes("two"), "hash-object", "--stdin") + "\n"), "cat-file", "--batch-check")).Split(' ')[1]);
    }

    [Fact]
    public async Task A_file_cannot_silently_become_a_folder_or_the_other_way_round()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a", "file"), GitStoreFixture.Add("dir/x.txt", "x"));

        var fileAsFolder = await Assert.ThrowsAsync<GitPathException>(() => _f.CommitAsync(Repo, c1, GitStoreFixture.Add("a/b", "under a file")));
        var folderAsFile = await Assert.ThrowsAsync<GitPathException>(() => _f.CommitAsync(Repo, c1, GitStoreFixture.Add("dir", "over a folder")));

        Assert.Contains("'a' is a file", fileAsFolder.Message, StringComparison.Ordinal);
        Assert.Contains("a folder with this name exists", folderAsFile.Message, StringComparison.Ordinal);
        Assert.Equal(c1, await _f.HeadAsync(Repo));
        // Deleting first, in the same commit, is how a caller replaces one with the other.
        var c2 = await _f.CommitAsync(Repo, c1, new GitDeleteFile("a"), GitStoreFixture.Add("a/b", "now a folder"), new GitDeleteFolder("dir"), GitStoreFixture.Add("dir", "now a file"));
        Assert.Equal([".gitattributes", "a/b", "dir"], await FilesAsync(c2));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Theory]
    [InlineData("../x")]
    [InlineData("/abs")]
    [InlineData("a//b")]
    [InlineData("a/./b")]
    [InlineData("a/../b")]
    [InlineData(".")]
    [InlineData("")]
    [InlineData("trailing/")]
    [InlineData(".git/config")]
    [InlineData("sub/.GIT/hooks/pre-receive")]
    [InlineData("a\\b")]
    [InlineData("..\\ddd")]
    [InlineData("bell\u0007.txt")]
    [InlineData("new\nline")]
    public async Task Bad_paths_are_refused_before_anything_is_written(string path)
    {
        var c0 = await _f.CreateRepoAsync();
        var objectsBefore = await _f.GitAsync(Repo, "count-objects");

        var add = await Assert.ThrowsAsync<GitPathException>(() => _f.CommitAsync(Repo, c0, GitStoreFixture.Add("fine.txt", "ok"), GitStoreFixture.Add(path, "x")));
        await Assert.ThrowsAsync<GitPathException>(() => _f.CommitAsync(Repo, c0, new GitDeleteFile(path)));

        Assert.Contains("Invalid path", add.Message, StringComparison.Ordinal);
        Assert.Contains(GitNames.Printable(path), add.Message, StringComparison.Ordinal);
        Assert.Equal(c0, await _f.HeadAsync(Repo));
        Assert.Equal(objectsBefore, await _f.GitAsync(Repo, "count-objects"));
    }

    [Fact]
    public async Task Overlong_paths_are_refused()
    {
        var c0 = await _f.CreateRepoAsync();
        var path = string.Join('/', Enumerable.Repeat(new string('x', 100), 41));

        await Assert.ThrowsAsync<GitPathException>(() => _f.CommitAsync(Repo, c0, GitStoreFixture.Add(path, "x")));
    }

    [Fact]
    public async Task Unicode_and_odd_but_legal_names_are_kept_exactly()
    {
        var c0 = await _f.CreateRepoAsync();
        string[] names = ["données/été.txt", "with space.txt", ":colon:start", "-dash-start", "*star*", "emoji 🤗.md", ".hidden/.gitkeep"];

        var c1 = await _f.CommitAsync(Repo, c0, names.Select(n => (GitFileOperation)GitStoreFixture.Add(n, n)).ToArray());

        foreach (var name in names)
            Assert.Equal(name, await _f.ReadTextAsync(Repo, c1, name));
        Assert.Equal(names.Order(StringComparer.Ordinal).Prepend(".gitattributes").Order(StringComparer.Ordinal), await FilesAsync(c1));
    }

    [Fact]
    public async Task A_stale_expected_parent_is_a_conflict_and_changes_nothing()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "a"));

        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.CommitAsync(Repo, c0, GitStoreFixture.Add("b.txt", "b")));

        Assert.Equal(c1, await _f.HeadAsync(Repo));
        Assert.Equal("2", await _f.GitAsync(Repo, "rev-list", "--count", "main"));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    [Fact]
    public async Task A_commit_can_create_a_new_ref_that_must_not_exist_yet()
    {
        var c0 = await _f.CreateRepoAsync();
        var request = new GitCommitRequest("refs/pr/1", c0, null, GitStoreFixture.Alice, "PR\n\nbody", [GitStoreFixture.Add("pr.txt", "pr")]);

        var pr = await _f.Store.CommitAsync(Repo, request, CancellationToken.None);
        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.Store.CommitAsync(Repo, request, CancellationToken.None));

        Assert.Equal(pr, (await _f.Store.ResolveAsync(Repo, "refs/pr/1", CancellationToken.None))!.CommitId);
        Assert.Equal(c0, await _f.HeadAsync(Repo));
        var commit = await _f.Store.GetCommitAsync(Repo, pr, CancellationToken.None);
        Assert.Equal("PR", commit!.Title);
        Assert.Equal("PR\n\nbody", commit.Message);
    }

    [Fact]
    public async Task Executable_files_keep_their_mode_when_replaced()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("run.sh", "v1"));
        // Make run.sh executable with plain git, as a push would.
        var blob = (await _f.Store.GetEntryAsync(Repo, c1, "run.sh", CancellationToken.None))!.ObjectId;
        var attributes = (await _f.Store.GetEntryAsync(Repo, c1, ".gitattributes", CancellationToken.None))!.ObjectId;
        var executableTree = await _f.GitAsync(Repo, Encoding.UTF8.GetBytes($"100644 blob {attributes}\t.gitattributes\n100755 blob {blob}\trun.sh\n"), "mktree");
        var c2 = await _f.GitAsync(Repo, Encoding.UTF8.GetBytes("chmod"), "-c", "user.name=T", "-c", "user.email=t@x", "commit-tree", executableTree, "-p", c1);
        await _f.Store.UpdateRefAsync(Repo, "refs/heads/main", c2, c1, CancellationToken.None);

        var c3 = await _f.CommitAsync(Repo, c2, GitStoreFixture.Add("run.sh", "v2"));

        Assert.Equal("100755", (await _f.Store.GetEntryAsync(Repo, c3, "run.sh", CancellationToken.None))!.Mode);
    }

    [Fact]
    public async Task Bad_signatures_and_messages_are_refused()
    {
        var c0 = await _f.CreateRepoAsync();
        GitSignature[] bad = [GitStoreFixture.Alice with { Name = "" }, GitStoreFixture.Alice with { Name = "Eve <evil>" }, GitStoreFixture.Alice with { Email = "a\nb" }];

        foreach (var signature in bad)
            await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/heads/main", c0, c0, signature, "m", []), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/heads/main", c0, c0, GitStoreFixture.Alice, "nul\0", []), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CommitAsync(Repo, new GitCommitRequest("main", c0, c0, GitStoreFixture.Alice, "m", []), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/heads/main", "abc", c0, GitStoreFixture.Alice, "m", []), CancellationToken.None));
        await Assert.ThrowsAsync<ArgumentException>(() => _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/heads/main", new string('1', 40), c0, GitStoreFixture.Alice, "m", []), CancellationToken.None));
        Assert.Equal(c0, await _f.HeadAsync(Repo));
    }
}
