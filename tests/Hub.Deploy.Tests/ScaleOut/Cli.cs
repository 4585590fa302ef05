using System.Diagnostics;
using System.Text;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>Runs a real client program (node, git) and captures what it printed.</summary>
public static class Cli
{
    public static async Task<(int ExitCode, string Output)> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(fileName) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) start.ArgumentList.Add(a);
        foreach (var (k, v) in environment ?? new Dictionary<string, string>()) start.Environment[k] = v;
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var gate = new object();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (gate) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} did not finish in time. Output so far:\n{output}");
        }
        lock (gate) return (process.ExitCode, output.ToString());
    }

    /// <summary>git with a fixed identity and no user or system configuration getting in the way.</summary>
    public static async Task<string> GitAsync(string workingDirectory, params string[] arguments)
    {
        var (exit, output) = await RunAsync("git", arguments, workingDirectory, new Dictionary<string, string>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = workingDirectory,
            ["GIT_AUTHOR_NAME"] = "Deploy Test",
            ["GIT_AUTHOR_EMAIL"] = "deploy@example.com",
            ["GIT_COMMITTER_NAME"] = "Deploy Test",
            ["GIT_COMMITTER_EMAIL"] = "deploy@example.com",
            ["GIT_TERMINAL_PROMPT"] = "0",
        });
        Assert.True(exit == 0, $"git {string.Join(' ', arguments)} failed ({exit}):\n{output}");
        return output;
    }
}
