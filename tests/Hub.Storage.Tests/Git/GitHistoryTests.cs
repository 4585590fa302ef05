namespace Hub.Storage.Tests.Git;

public sealed class GitHistoryTests : IDisposable
{
    private const string Repo = "repo0001";
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    private async Task<string[]> SetUpAsync()
    {
        var c0 = await _f.CreateRepoAsync();
        var c1 = await _f.CommitAsync(Repo, c0, GitStoreFixture.Add("a.txt", "a1"), GitStoreFixture.Add("dir/x.txt", "x1"));
        var c2 = await _f.CommitAsync(Repo, c1, GitStoreFixture.Add("b.txt", "b1"));
        var c3 = await _f.CommitAsync(Repo, c2, GitStoreFixture.Add("dir/sub/y.txt", "y1"));
        var c4 = await _f.CommitAsync(Repo, c3, GitStoreFixture.Add("a.txt", "a2"));
        return [c0, c1, c2, c3, c4];
    }

    [Fact]
    public async Task Commits_are_listed_newest_first_with_the_total_count()
    {
        var c = await SetUpAsync();

        var page = await _f.Store.ListCommitsAsync(Repo, c[4], null, 0, 2, CancellationToken.None);
        var rest = await _f.Store.ListCommitsAsync(Repo, c[4], null, 2, 10, CancellationToken.None);
        var countOnly = await _f.Store.ListCommitsAsync(Repo, c[4], null, 0, 0, CancellationToken.None);

        Assert.Equal(5, page.TotalCount);
        Assert.Equal([c[4], c[3]], page.Commits.Select(x => x.Id));
        Assert.Equal([c[2], c[1], c[0]], rest.Commits.Select(x => x.Id));
        Assert.Equal(5, countOnly.TotalCount);
        Assert.Empty(countOnly.Commits);
        Assert.Equal([c[3]], page.Commits[0].Parents);
        Assert.Equal(GitStoreFixture.Alice, page.Commits[0].Author);
        Assert.Equal("Change files", page.Commits[0].Title);
    }

    [Fact]
    public async Task A_path_filter_keeps_only_commits_touching_it()
    {
        var c = await SetUpAsync();

        var file = await _f.Store.ListCommitsAsync(Repo, c[4], "a.txt", 0, 10, CancellationToken.None);
        var folder = await _f.Store.ListCommitsAsync(Repo, c[4], "dir", 0, 10, CancellationToken.None);
        var older = await _f.Store.ListCommitsAsync(Repo, c[2], "a.txt", 0, 10, CancellationToken.None);

        Assert.Equal(2, file.TotalCount);
        Assert.Equal([c[4], c[1]], file.Commits.Select(x => x.Id));
        Assert.Equal(2, folder.TotalCount);
        Assert.Equal([c[3], c[1]], folder.Commits.Select(x => x.Id));
        Assert.Equal([c[1]], older.Commits.Select(x => x.Id));
        Assert.Equal(0, (await _f.Store.ListCommitsAsync(Repo, c[4], "nope", 0, 10, CancellationToken.None)).TotalCount);
    }

    [Fact]
    public async Task A_single_commit_is_read_by_id()
    {
        var c = await SetUpAsync();

        var commit = await _f.Store.GetCommitAsync(Repo, c[2], CancellationToken.None);

        Assert.NotNull(commit);
        Assert.Equal(c[2], commit.Id);
        Assert.Equal([c[1]], commit.Parents);
        Assert.Null(await _f.Store.GetCommitAsync(Repo, new string('5', 40), CancellationToken.None));
        var tree = (await _f.Store.GetEntryAsync(Repo, c[2], "", CancellationToken.None))!.ObjectId;
        Assert.Null(await _f.Store.GetCommitAsync(Repo, tree, CancellationToken.None));
    }

    [Fact]
    public async Task Last_commits_are_found_per_file_and_folder_in_one_walk()
    {
        var c = await SetUpAsync();

        var last = await _f.Store.GetLastCommitsAsync(Repo, c[4], [".gitattributes", "a.txt", "b.txt", "dir", "dir/x.txt", "dir/sub", "missing.txt", "dir/"], CancellationToken.None);

        Assert.Equal(c[0], last[".gitattributes"].Id);
        Assert.Equal(c[4], last["a.txt"].Id);
        Assert.Equal(c[2], last["b.txt"].Id);
        Assert.Equal(c[3], last["dir"].Id);
        Assert.Equal(c[1], last["dir/x.txt"].Id);
        Assert.Equal(c[3], last["dir/sub"].Id);
        Assert.False(last.ContainsKey("missing.txt"));
        Assert.Equal(GitStoreFixture.Alice, last["a.txt"].Author);
        Assert.Equal(6, last.Count);
    }

    [Fact]
    public async Task Last_commits_respect_the_starting_commit_and_the_root()
    {
        var c = await SetUpAsync();

        var last = await _f.Store.GetLastCommitsAsync(Repo, c[2], ["a.txt", "", "dir/sub"], CancellationToken.None);

        Assert.Equal(c[1], last["a.txt"].Id);
        Assert.Equal(c[2], last[""].Id);
        Assert.False(last.ContainsKey("dir/sub"));
        Assert.Empty(await _f.Store.GetLastCommitsAsync(Repo, c[2], [], CancellationToken.None));
    }
}
