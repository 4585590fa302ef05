using System.Diagnostics;
using System.Text;

namespace Hub.Testing;

/// <summary>
/// The built Hub.Api.dll run as an inference worker (role <c>inference</c>) in its own process, on its own loopback
/// port and data folder, sharing the hub's database, blob store and repositories. Its output is kept for failure messages.
/// </summary>
public sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly TempDirectory dataDir = new("hub-worker");
    private readonly StringBuilder output = new();

    /// <param name="settings">Configuration keys (<c>Hub:Storage:...</c>) given to the process as environment variables.</param>
    /// <param name="hubApiDll">The Hub.Api.dll to run; default: the one beside the test assembly (a project reference copies it there).</param>
    public WorkerProcess(IReadOnlyDictionary<string, string> settings, string? hubApiDll = null)
    {
        // The dotnet host running these tests, so the worker gets the same runtime.
        var host = Path.GetFileNameWithoutExtension(Environment.ProcessPath) == "dotnet" ? Environment.ProcessPath! : "dotnet";
        var start = new ProcessStartInfo(host) { WorkingDirectory = dataDir.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(hubApiDll ?? Path.Combine(AppContext.BaseDirectory, "Hub.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add("http://127.0.0.1:0");
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        start.Environment["Hub__Roles"] = "inference";
        start.Environment["Hub__DataDir"] = dataDir.Path;
        start.Environment["Hub__Database__MigrateOnStart"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Logging__LogLevel__Hub"] = "Information";
        process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public string Output
    {
        get
        {
            lock (output) return output.ToString();
        }
    }

    /// <summary>Ends the worker at once, as a crash or an OOM kill would: no clean shutdown, no deregistration.</summary>
    public void Kill() => process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(10_000);
        }
        process.Dispose();
        dataDir.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null) return;
        lock (output) output.AppendLine(line);
    }
}
