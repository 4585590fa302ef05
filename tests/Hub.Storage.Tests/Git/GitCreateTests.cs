using System.Text;
using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitCreateTests : IDisposable
{
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task Create_makes_one_initial_commit_on_main_holding_the_default_gitattributes()
    {
        var commit = await _f.CreateRepoAsync();

        Assert.Matches("^[0-9a-f]{40}$", commit);
        Assert.True(_f.Store.Exists("repo0001"));
        Assert.Equal(Path.Combine(_f.Root, "re", "repo0001.git"), _f.Store.GetPath("repo0001"));
        var refs = await _f.Store.ListRefsAsync("repo0001", CancellationToken.None);
        Assert.Equal([new GitRef("refs/heads/main", commit)], refs);
        Assert.Equal("refs/heads/main", await _f.GitAsync("repo0001", "symbolic-ref", "HEAD"));
        Assert.Equal("sha1", await _f.GitAsync("repo0001", "rev-parse", "--show-object-format"));
        Assert.Equal("true", await _f.GitAsync("repo0001", "config", "core.logAllRefUpdates"));
        Assert.Equal("1", await _f.GitAsync("repo0001", "rev-list", "--count", "main"));
        Assert.Equal(GitDefaults.ModelGitAttributes, await _f.ReadTextAsync("repo0001", commit, ".gitattributes"));
        Assert.Contains("*.safetensors filter=lfs diff=lfs merge=lfs -text\n", GitDefaults.ModelGitAttributes, StringComparison.Ordinal);
        Assert.Empty(await _f.Store.FsckAsync("repo0001", CancellationToken.None));
    }

    [Fact]
    public async Task Initial_commit_carries_author_committer_and_message()
    {
        var commit = await _f.CreateRepoAsync();

        var info = await _f.Store.GetCommitAsync("repo0001", commit, CancellationToken.None);

        Assert.NotNull(info);
        Assert.Empty(info.Parents);
        Assert.Equal(GitStoreFixture.Alice, info.Author);
        Assert.Equal(GitStoreFixture.Alice, info.Committer);
        Assert.Equal("Initial commit", info.Title);
        Assert.Equal("Alice Example <alice@example.com> 1714972089 +0200", await _f.GitAsync("repo0001", "log", "-1", "--format=%an <%ae> %at %ad", "--date=format:%z", "main"));
    }

    [Fact]
    public async Task Dataset_gitattributes_adds_media_formats()
    {
        Assert.Contains("*.png filter=lfs", GitDefaults.DatasetGitAttributes, StringComparison.Ordinal);
        Assert.DoesNotContain("*.png", GitDefaults.ModelGitAttributes, StringComparison.Ordinal);
        Assert.StartsWith(GitDefaults.ModelGitAttributes, GitDefaults.DatasetGitAttributes, StringComparison.Ordinal);
        var commit = await _f.Store.CreateAsync("data0001", GitStoreFixture.Alice, "init", [GitDefaults.GitAttributesFile("dataset")], CancellationToken.None);
        Assert.Equal(GitDefaults.DatasetGitAttributes, await _f.ReadTextAsync("data0001", commit, ".gitattributes"));
    }

    [Fact]
    public async Task Creating_an_existing_repository_is_a_conflict_and_changes_nothing()
    {
        var commit = await _f.CreateRepoAsync();

        await Assert.ThrowsAsync<GitRefConflictException>(() => _f.CreateRepoAsync());

        Assert.Equal(commit, await _f.HeadAsync("repo0001"));
    }

    [Fact]
    public async Task A_failed_creation_leaves_nothing_behind()
    {
        await Assert.ThrowsAsync<GitPathException>(() =>
            _f.Store.CreateAsync("repo0002", GitStoreFixture.Alice, "init", [GitStoreFixture.Add("../evil", "x")], CancellationToken.None));

        Assert.False(_f.Store.Exists("repo0002"));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_f.Root, "re")));
    }

    [Theory]
    [InlineData("")]
    [InlineData("short")]
    [InlineData("UPPERCASE1")]
    [InlineData("../../etc/passwd")]
    [InlineData("abc/defghij")]
    [InlineData("repo-0001")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")]
    public void Invalid_repository_ids_are_refused(string repoId)
    {
        Assert.Throws<ArgumentException>(() => _f.Store.GetPath(repoId));
    }

    [Fact]
    public async Task Delete_removes_the_repository_and_tolerates_a_missing_one()
    {
        await _f.CreateRepoAsync();

        await _f.Store.DeleteAsync("repo0001", CancellationToken.None);
        await _f.Store.DeleteAsync("repo0001", CancellationToken.None);

        Assert.False(_f.Store.Exists("repo0001"));
        Assert.False(Directory.Exists(_f.Store.GetPath("repo0001")));
        Assert.Empty(Directory.GetFileSystemEntries(Path.Combine(_f.Root, "re")));
        await Assert.ThrowsAsync<GitRepositoryNotFoundException>(() => _f.Store.ListRefsAsync("repo0001", CancellationToken.None));
    }

    [Fact]
    public async Task Reads_of_a_missing_repository_say_so()
    {
        var error = await Assert.ThrowsAsync<GitRepositoryNotFoundException>(() => _f.Store.ResolveAsync("nothere1", "main", CancellationToken.None));
        Assert.Contains("nothere1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cancelled_token_cancels_the_git_command()
    {
        await _f.CreateRepoAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _f.Store.ResolveAsync("repo0001", "main", cancelled.Token));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            _f.Store.ListTreeAsync("repo0001", new string('0', 40), "", true, null, 10, cancelled.Token));
    }

    [Fact]
    public void GitDefaults_file_is_the_gitattributes_path()
    {
        var file = GitDefaults.GitAttributesFile("model");
        Assert.Equal(".gitattributes", file.Path);
        Assert.Equal(GitDefaults.ModelGitAttributes, Encoding.UTF8.GetString(file.Content.Span));
    }
}
