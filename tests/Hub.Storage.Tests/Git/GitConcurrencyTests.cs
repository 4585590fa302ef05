using Hub.Storage.Git;

namespace Hub.Storage.Tests.Git;

public sealed class GitConcurrencyTests : IDisposable
{
    private const string Repo = "repo0001";
    private const int Writers = 20;
    private readonly GitStoreFixture _f = new();

    public void Dispose() => _f.Dispose();

    /// <summary>Each writer reads the head, commits on top of it, and either lands or is told it lost.</summary>
    private async Task<(int Writer, string? Commit)> WriteAsync(int writer, Gate? startTogether)
    {
        var head = await _f.HeadAsync(Repo);
        if (startTogether is not null)
            await startTogether.ArriveAndWaitAsync();
        try
        {
            var commit = await _f.CommitAsync(Repo, head, GitStoreFixture.Add($"writer-{writer}.txt", $"from {writer}"));
            return (writer, commit);
        }
        catch (GitRefConflictException)
        {
            return (writer, null);
        }
    }

    [Fact]
    public async Task Parallel_commits_on_one_branch_each_land_or_conflict_and_none_is_lost()
    {
        var c0 = await _f.CreateRepoAsync();

        // Any exception other than a conflict fails the test: nothing may fail silently or half-way.
        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => WriteAsync(i, null))));

        var landed = results.Where(r => r.Commit is not null).ToList();
        Assert.NotEmpty(landed);
        var history = (await _f.GitAsync(Repo, "rev-list", "--parents", "main")).Split('\n');
        Assert.Equal(1 + landed.Count, history.Length);
        // Linear: every commit but the root has exactly one parent, and the chain ends at the initial commit.
        Assert.All(history[..^1], line => Assert.Equal(2, line.Split(' ').Length));
        Assert.Equal(c0, history[^1]);
        var chain = history.Select(line => line.Split(' ')[0]).ToHashSet();
        Assert.All(landed, r => Assert.Contains(r.Commit!, chain));
        // Each landed commit was based on the head before it, so the final tree holds exactly the winners' files.
        var files = (await _f.Store.ListTreeAsync(Repo, history[0].Split(' ')[0], "", false, null, 100, CancellationToken.None)).Entries.Select(e => e.Path);
        Assert.Equal(landed.Select(r => $"writer-{r.Writer}.txt").Append(".gitattributes").Order(StringComparer.Ordinal), files.Order(StringComparer.Ordinal));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
        Assert.Empty(Directory.GetFiles(_f.Store.GetPath(Repo), "*.lock", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task Writers_starting_from_the_same_head_have_exactly_one_winner()
    {
        var c0 = await _f.CreateRepoAsync();
        var startTogether = new Gate(Writers);

        var results = await Task.WhenAll(Enumerable.Range(0, Writers).Select(i => Task.Run(() => WriteAsync(i, startTogether))));

        var winner = Assert.Single(results, r => r.Commit is not null);
        Assert.Equal(winner.Commit, await _f.HeadAsync(Repo));
        Assert.Equal($"{winner.Commit} {c0}", await _f.GitAsync(Repo, "rev-list", "--parents", "-1", "main"));
        Assert.Equal("2", await _f.GitAsync(Repo, "rev-list", "--count", "main"));
        Assert.Empty(await _f.Store.FsckAsync(Repo, CancellationToken.None));
    }

    /// <summary>An async barrier: nobody passes until all have arrived (a blocking Barrier would starve the thread pool).</summary>
    private sealed class Gate(int count)
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _waiting = count;

        public Task ArriveAndWaitAsync()
        {
            if (Interlocked.Decrement(ref _waiting) == 0)
                _open.SetResult();
            return _open.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
    }
}
