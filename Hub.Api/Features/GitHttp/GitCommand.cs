using System.Diagnostics;

namespace Hub.Api.Features.GitHttp;

/// <summary>Runs a short git command with text in and out (push policy checks); large transfers go through <see cref="GitHttpService"/>.</summary>
public static class GitCommand
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(
        string repoPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? input, CancellationToken ct)
    {
        var (exit, output, error) = await RunForBytesAsync(repoPath, arguments, environment, input, ct);
        return (exit, System.Text.Encoding.UTF8.GetString(output), error);
    }

    /// <summary>Like <see cref="RunAsync"/>, with stdout as bytes (blob contents).</summary>
    public static async Task<(int ExitCode, byte[] Output, string Error)> RunForBytesAsync(
        string repoPath, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, string? input, CancellationToken ct)
    {
        var start = new ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-C");
        start.ArgumentList.Add(repoPath);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        foreach (var (k, v) in environment) start.Environment[k] = v;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
        using var stdout = new MemoryStream();
        var reading = process.StandardOutput.BaseStream.CopyToAsync(stdout, ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            if (input is not null) await process.StandardInput.WriteAsync(input.AsMemory(), ct);
            process.StandardInput.Close();
            await reading;
            await process.WaitForExitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
        return (process.ExitCode, stdout.ToArray(), await stderr);
    }
}
