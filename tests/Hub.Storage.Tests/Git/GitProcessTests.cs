using Hub.Storage.Git;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Storage.Tests.Git;

public sealed class GitProcessTests : IDisposable
{
    private readonly TempDirectory _temp = new("hub-git-process");
    private readonly GitProcess _git;

    public GitProcessTests()
    {
        _git = new GitProcess(Path.Combine(_temp.Path, "home"), TimeProvider.System, NullLogger.Instance);
    }

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Arguments_reach_git_verbatim_without_a_shell()
    {
        var result = await _git.RunAsync(GitInvocation.Of(null, "rev-parse", "--sq-quote", "a b; echo pwned", "$HOME", "`id`", "--x"), CancellationToken.None);

        Assert.Equal("'a b; echo pwned' '$HOME' '`id`' '--x'", result.EnsureSuccess().FirstLine);
    }

    [Fact]
    public async Task Neither_system_nor_user_configuration_applies()
    {
        var repo = Path.Combine(_temp.Path, "r.git");
        (await _git.RunAsync(GitInvocation.Of(null, "init", "--quiet", "--bare", repo), CancellationToken.None)).EnsureSuccess();

        var origins = (await _git.RunAsync(GitInvocation.Of(repo, "config", "--list", "--show-origin"), CancellationToken.None)).EnsureSuccess().OutputText
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => line.Split('\t')[0])
            .Distinct()
            .ToList();

        Assert.Equal(["file:" + Path.Combine(repo, "config")], origins);
    }

    [Fact]
    public async Task A_failing_command_reports_its_exit_code_and_stderr()
    {
        var result = await _git.RunAsync(GitInvocation.Of(_temp.Path, "rev-parse", "--verify", "nothing"), CancellationToken.None);

        Assert.NotEqual(0, result.ExitCode);
        var error = Assert.Throws<GitCommandException>(() => result.EnsureSuccess());
        Assert.Contains("git rev-parse exited with", error.Message, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(result.Error));
    }

    [Fact]
    public async Task Cancellation_kills_a_running_git()
    {
        var repo = Path.Combine(_temp.Path, "r.git");
        (await _git.RunAsync(GitInvocation.Of(null, "init", "--quiet", "--bare", repo), CancellationToken.None)).EnsureSuccess();
        using var cancel = new CancellationTokenSource();
        var started = new TaskCompletionSource();
        // cat-file --batch waits for stdin forever; the input writer never finishes either.
        var invocation = new GitInvocation(repo, ["cat-file", "--batch"])
        {
            Input = async (stdin, ct) =>
            {
                started.SetResult();
                await Task.Delay(Timeout.Infinite, ct);
            },
        };

        var run = _git.RunAsync(invocation, cancel.Token);
        await started.Task;
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run.WaitAsync(TimeSpan.FromSeconds(60)));
    }
}
