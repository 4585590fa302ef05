using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitResolveTests : IDisposable
{
    private const string Repo = "repo0001";
    private readonly GitStoreFixture _f = new();
    private string _c0 = "";
    private string _main = "";
    private string _pr = "";
    private string _feature = "";

    public void Dispose() => _f.Dispose();

    private async Task SetUpAsync()
    {
        _c0 = await _f.CreateRepoAsync();
        _main = await _f.CommitAsync(Repo, _c0, GitStoreFixture.Add("dir/file.txt", "main"));
        _pr = await _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/pr/1", _main, null, GitStoreFixture.Alice, "pr", [GitStoreFixture.Add("dir/file.txt", "pr")]), CancellationToken.None);
        _feature = await _f.Store.CommitAsync(Repo, new GitCommitRequest("refs/heads/feature/x", _main, null, GitStoreFixture.Alice, "feature", [GitStoreFixture.Add("dir/f", "feature")]), CancellationToken.None);
        await _f.Store.CreateTagAsync(Repo, "v1.0", _c0, "First release", GitStoreFixture.Alice, CancellationToken.None);
    }

    private Task<GitResolvedRevision?> ResolveAsync(string revision) => _f.Store.ResolveAsync(Repo, revision, CancellationToken.None);

    [Fact]
    public async Task Branches_HEAD_tags_pull_requests_and_full_ref_names_resolve()
    {
        await SetUpAsync();

        Assert.Equal(new GitResolvedRevision(_main, "refs/heads/main"), await ResolveAsync("main"));
        Assert.Equal(new GitResolvedRevision(_main, "refs/heads/main"), await ResolveAsync("HEAD"));
        Assert.Equal(new GitResolvedRevision(_main, "refs/heads/main"), await ResolveAsync("refs/heads/main"));
        Assert.Equal(new GitResolvedRevision(_c0, "refs/tags/v1.0"), await ResolveAsync("v1.0"));
        Assert.Equal(new GitResolvedRevision(_c0, "refs/tags/v1.0"), await ResolveAsync("refs/tags/v1.0"));
        Assert.Equal(new GitResolvedRevision(_pr, "refs/pr/1"), await ResolveAsync("refs/pr/1"));
        Assert.Equal(new GitResolvedRevision(_feature, "refs/heads/feature/x"), await ResolveAsync("feature/x"));
    }

    [Fact]
    public async Task Full_and_unique_short_commit_ids_resolve()
    {
        await SetUpAsync();

        Assert.Equal(new GitResolvedRevision(_pr, null), await ResolveAsync(_pr));
        Assert.Equal(new GitResolvedRevision(_pr, null), await ResolveAsync(_pr[..7]));
        Assert.Equal(new GitResolvedRevision(_pr, null), await ResolveAsync(await _f.GitAsync(Repo, "rev-parse", "--short=5", _pr)));
        Assert.Null(await ResolveAsync(_pr[..4]));
        Assert.Null(await ResolveAsync(new string('1', 40)));
    }

    [Fact]
    public async Task Ids_of_objects_that_are_not_commits_do_not_resolve()
    {
        await SetUpAsync();
        var blob = (await _f.Store.GetEntryAsync(Repo, _main, "dir/file.txt", CancellationToken.None))!.ObjectId;

        Assert.Null(await ResolveAsync(blob));
    }

    [Theory]
    [InlineData("nope")]
    [InlineData("feature")]
    [InlineData("heads/main")]
    [InlineData("refs/pr/2")]
    [InlineData("pr/1")]
    [InlineData("MAIN")]
    public async Task Unknown_revisions_resolve_to_null(string revision)
    {
        await SetUpAsync();

        Assert.Null(await ResolveAsync(revision));
    }

    [Theory]
    [InlineData("--output={0}")]
    [InlineData("--upload-pack=touch {0}")]
    [InlineData("-h")]
    [InlineData("main..feature/x")]
    [InlineData("main...feature/x")]
    [InlineData("HEAD~1")]
    [InlineData("main^")]
    [InlineData("main^{tree}")]
    [InlineData("main:dir/file.txt")]
    [InlineData(":/main")]
    [InlineData("@{-1}")]
    [InlineData("main@{0}")]
    [InlineData("main .")]
    [InlineData(" main")]
    [InlineData("main\n")]
    [InlineData("refs/heads/../heads/main")]
    [InlineData("refs/heads/*")]
    [InlineData("ma?n")]
    [InlineData("/main")]
    [InlineData("main/")]
    [InlineData("")]
    public async Task Hostile_revisions_never_reach_git_as_syntax_or_options(string template)
    {
        await SetUpAsync();
        var marker = Path.Combine(_f.Root, "pwned");
        var revision = template.Replace("{0}", marker, StringComparison.Ordinal);

        var resolved = await ResolveAsync(revision);
        var withPath = await _f.Store.ResolveWithPathAsync(Repo, revision, CancellationToken.None);

        Assert.Null(resolved);
        Assert.True(withPath is null || withPath.Value.Revision.RefName == "refs/heads/main", $"{revision} resolved to {withPath}");
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Revision_and_path_split_at_the_longest_resolvable_prefix()
    {
        await SetUpAsync();
        // A tag named "feature" must not shadow the longer branch "feature/x".
        await _f.Store.CreateTagAsync(Repo, "feature", _c0, null, GitStoreFixture.Alice, CancellationToken.None);

        async Task<string?> Split(string value) =>
            await _f.Store.ResolveWithPathAsync(Repo, value, CancellationToken.None) is { } r ? $"{r.Revision.CommitId} {r.Revision.RefName} {r.Path}" : null;
        static string Expect(string commit, string? refName, string path) => $"{commit} {refName} {path}";

        Assert.Equal(Expect(_pr, "refs/pr/1", "dir/file.txt"), await Split("refs/pr/1/dir/file.txt"));
        Assert.Equal(Expect(_feature, "refs/heads/feature/x", "dir/f"), await Split("feature/x/dir/f"));
        Assert.Equal(Expect(_feature, "refs/heads/feature/x", ""), await Split("feature/x"));
        Assert.Equal(Expect(_c0, "refs/tags/feature", "y/z"), await Split("feature/y/z"));
        Assert.Equal(Expect(_main, "refs/heads/main", ""), await Split("main"));
        Assert.Equal(Expect(_main, "refs/heads/main", "dir/file.txt"), await Split("main/dir/file.txt"));
        Assert.Equal(Expect(_main, "refs/heads/main", "dir/file.txt"), await Split("HEAD/dir/file.txt"));
        Assert.Equal(Expect(_main, "refs/heads/main", "dir/file.txt"), await Split("refs/heads/main/dir/file.txt"));
        Assert.Equal(Expect(_c0, "refs/tags/v1.0", "a"), await Split("v1.0/a"));
        Assert.Equal(Expect(_pr, null, "dir/file.txt"), await Split(_pr + "/dir/file.txt"));
        Assert.Equal(Expect(_pr, null, ""), await Split(_pr));
        Assert.Equal(Expect(_pr, null, "x"), await Split(_pr[..8] + "/x"));
        Assert.Null(await Split("nope/dir/file.txt"));
        Assert.Null(await Split("refs/pr/9/dir"));
        Assert.Null(await Split(new string('2', 40) + "/x"));
    }

    [Fact]
    public async Task Refs_are_listed_with_annotated_tags_peeled_to_their_commit()
    {
        await SetUpAsync();

        var refs = await _f.Store.ListRefsAsync(Repo, CancellationToken.None);

        Assert.Equal(
            [
                new GitRef("refs/heads/feature/x", _feature),
                new GitRef("refs/heads/main", _main),
                new GitRef("refs/pr/1", _pr),
                new GitRef("refs/tags/v1.0", _c0),
            ],
            refs);
        Assert.Equal("tag", await _f.GitAsync(Repo, "cat-file", "-t", "refs/tags/v1.0"));
    }
}
