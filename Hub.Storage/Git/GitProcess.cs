using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Git;

/// <summary>
/// Runs the git CLI: arguments as a list (never a shell string), stdin/stdout as streams, stderr captured, and an
/// environment that neither the host's nor the user's git configuration can leak into.
/// </summary>
internal sealed class GitProcess
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    private readonly string _homeDirectory;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    // homeDirectory: an empty directory used as HOME, so no ~/.gitconfig applies.
    public GitProcess(string homeDirectory, TimeProvider time, ILogger logger)
    {
        _homeDirectory = homeDirectory;
        _time = time;
        _logger = logger;
        Directory.CreateDirectory(homeDirectory);
    }

    /// <summary>Runs a command to the end, buffering stdout (for commands whose output is small or needed whole).</summary>
    public async Task<GitResult> RunAsync(GitInvocation invocation, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await using var git = Start(invocation);
        using var registration = cancellationToken.Register(git.Kill);
        try
        {
            // stdin is written on its own thread: a pipe write may block synchronously while git waits for us to
            // drain stdout, and the two must never wait on each other.
            var input = Task.Run(() => WriteInputAsync(git, invocation.Input, cancellationToken), CancellationToken.None);
            using var output = new MemoryStream();
            await git.Stdout.CopyToAsync(output, cancellationToken);
            await input;
            var exitCode = await git.WaitForExitAsync(cancellationToken);
            cancellationToken.ThrowIfCancellationRequested();
            return new GitResult(invocation, exitCode, output.ToArray(), git.Error);
        }
        catch (Exception ex) when (cancellationToken.IsCancellationRequested && ex is not OperationCanceledException)
        {
            // A killed process shows up as a broken pipe or an early EOF; the real cause is the cancellation.
            throw new OperationCanceledException("The git command was cancelled.", ex, cancellationToken);
        }
    }

    /// <summary>
    /// Starts a command whose stdout the caller reads as a stream (blobs, long history walks). The caller disposes the
    /// result, which kills git if it is still running.
    /// </summary>
    public GitRunningProcess Start(GitInvocation invocation)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardInputEncoding = Utf8NoBom,
            StandardErrorEncoding = Utf8NoBom,
            // Never the host's current directory: git must not discover some other repository around it.
            WorkingDirectory = invocation.GitDir ?? _homeDirectory,
        };
        if (invocation.GitDir is not null)
            startInfo.ArgumentList.Add("--git-dir=" + invocation.GitDir);
        foreach (var argument in invocation.Arguments)
            startInfo.ArgumentList.Add(argument);
        ConfigureEnvironment(startInfo.Environment, invocation.Environment);

        var activity = StorageTelemetry.ActivitySource.StartActivity("git " + invocation.Command);
        activity?.SetTag("git.command", invocation.Command);
        var started = _time.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(startInfo) ?? throw new InvalidOperationException("git did not start.");
        }
        catch (Exception ex)
        {
            activity?.SetStatus(ActivityStatusCode.Error, ex.Message);
            activity?.Dispose();
            // The repository was deleted while a request was working in it: its directory (git's working directory) is gone.
            if (ex is System.ComponentModel.Win32Exception && invocation.GitDir is not null && !Directory.Exists(invocation.GitDir))
                throw new GitRepositoryNotFoundException($"The repository at {invocation.GitDir} does not exist.", ex);
            throw;
        }

        return new GitRunningProcess(process, invocation.Command, activity, () => _time.GetElapsedTime(started), _logger);
    }

    private void ConfigureEnvironment(IDictionary<string, string?> environment, IReadOnlyDictionary<string, string>? extra)
    {
        // Inherited GIT_* variables (GIT_DIR, GIT_INDEX_FILE, GIT_OBJECT_DIRECTORY, GIT_CONFIG_*...) would redirect
        // git to other files; the store sets everything it needs itself.
        foreach (var key in environment.Keys.Where(k => k.StartsWith("GIT_", StringComparison.Ordinal)).ToList())
            environment.Remove(key);
        environment["HOME"] = _homeDirectory;
        environment["XDG_CONFIG_HOME"] = _homeDirectory;
        environment["GIT_CONFIG_NOSYSTEM"] = "1";
        environment["GIT_TERMINAL_PROMPT"] = "0";
        environment["GIT_NO_REPLACE_OBJECTS"] = "1"; // refs/replace/* pushed by a user must not rewrite what others read
        environment["GIT_LITERAL_PATHSPECS"] = "1"; // paths are names, never globs or :(magic)
        environment["LC_ALL"] = "C"; // stable, parseable messages
        environment["LANGUAGE"] = "C";
        if (extra is null)
            return;
        foreach (var (key, value) in extra)
            environment[key] = value;
    }

    private static async Task WriteInputAsync(GitRunningProcess git, Func<Stream, CancellationToken, Task>? input, CancellationToken cancellationToken)
    {
        try
        {
            if (input is not null)
                await input(git.Stdin, cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException || (ex is OperationCanceledException && cancellationToken.IsCancellationRequested))
        {
            // git stopped reading (it failed early, or was killed on cancellation); its exit code and stderr say why.
        }
        finally
        {
            git.CloseStdin();
        }
    }
}
