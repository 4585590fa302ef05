using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Git;

/// <summary>
/// A started git process. Stderr is drained in the background (capped) so git never blocks on it; disposing kills the
/// process tree if it is still running and records the command's duration once.
/// </summary>
internal sealed class GitRunningProcess : IDisposable, IAsyncDisposable
{
    private const int MaxErrorChars = 16 * 1024;

    private readonly Process _process;
    private readonly string _command;
    private readonly Activity? _activity;
    private readonly Func<TimeSpan> _elapsed;
    private readonly ILogger _logger;
    private readonly StringBuilder _error = new();
    private readonly Task _errorPump;
    private int _finished;
    private int _disposed;
    private bool _killed;

    public GitRunningProcess(Process process, string command, Activity? activity, Func<TimeSpan> elapsed, ILogger logger)
    {
        _process = process;
        _command = command;
        _activity = activity;
        _elapsed = elapsed;
        _logger = logger;
        _errorPump = Task.Run(PumpErrorAsync);
    }

    public Stream Stdin => _process.StandardInput.BaseStream;

    public Stream Stdout => _process.StandardOutput.BaseStream;

    /// <summary>What git wrote to stderr so far (complete once <see cref="WaitForExitAsync"/> returned).</summary>
    public string Error
    {
        get
        {
            lock (_error)
                return _error.ToString();
        }
    }

    public void CloseStdin()
    {
        try
        {
            _process.StandardInput.Dispose();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            // Broken pipe (git exited already), or an input writer that closed the stream itself.
        }
    }

    /// <summary>Kills git and its children (on cancellation).</summary>
    public void Kill() => Kill(entireProcessTree: true);

    /// <summary>
    /// Kills git alone (a reader that stopped early): the commands read that way start no children, and walking
    /// /proc for a process tree costs tens of milliseconds on a busy host.
    /// </summary>
    private void Kill(bool entireProcessTree)
    {
        try
        {
            _killed = true;
            _process.Kill(entireProcessTree);
        }
        catch (InvalidOperationException)
        {
            // Exited already.
        }
    }

    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        try
        {
            await _process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw;
        }

        await _errorPump;
        Finish();
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_process.HasExited)
            Kill(entireProcessTree: false);
        _process.WaitForExit();
        Finish();
        _process.Dispose();
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        if (!_process.HasExited)
            Kill(entireProcessTree: false);
        await _process.WaitForExitAsync(CancellationToken.None);
        await _errorPump;
        Finish();
        _process.Dispose();
    }

    private async Task PumpErrorAsync()
    {
        var buffer = new char[4096];
        try
        {
            int read;
            while ((read = await _process.StandardError.ReadAsync(buffer, CancellationToken.None)) > 0)
            {
                lock (_error)
                {
                    if (_error.Length < MaxErrorChars)
                        _error.Append(buffer, 0, Math.Min(read, MaxErrorChars - _error.Length));
                }
            }
        }
        catch (IOException)
        {
            // The pipe went away with a killed process.
        }
        catch (ObjectDisposedException)
        {
        }
    }

    private void Finish()
    {
        if (Interlocked.Exchange(ref _finished, 1) != 0)
            return;
        var elapsed = _elapsed();
        var exitCode = _process.HasExited ? _process.ExitCode : -1;
        var outcome = _killed ? "killed" : exitCode == 0 ? "ok" : "error";
        StorageTelemetry.GitCommandDuration.Record(
            elapsed.TotalSeconds,
            new KeyValuePair<string, object?>("git.command", _command),
            new KeyValuePair<string, object?>("git.outcome", outcome));
        if (_activity is not null)
        {
            _activity.SetTag("git.exit_code", exitCode);
            _activity.SetTag("git.outcome", outcome);
            if (outcome == "error")
                _activity.SetStatus(ActivityStatusCode.Error);
            _activity.Dispose();
        }

        _logger.LogDebug("git {Command} finished ({Outcome}, exit {ExitCode}) in {ElapsedMs:F1} ms", _command, outcome, exitCode, elapsed.TotalMilliseconds);
    }
}
