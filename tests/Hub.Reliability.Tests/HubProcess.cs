using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hub.Reliability.Tests;

/// <summary>
/// The hub as its own process (<c>dotnet Hub.Api.dll</c> from the build output, settings in environment variables),
/// so a test can kill it with SIGKILL and start it again on the same data.
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder log = new();

    private HubProcess(Process process, string url)
    {
        this.process = process;
        Url = url;
    }

    public string Url { get; }

    public string Log
    {
        get { lock (log) return log.ToString(); }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<HubProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Hub.Api.dll"));
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet could not be started.");
        var hub = new HubProcess(process, url);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (hub.log) hub.log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (hub.log) hub.log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 240; i++)
        {
            if (process.HasExited) throw new InvalidOperationException($"The hub exited with {process.ExitCode}:\n{hub.Log}");
            try
            {
                if ((await client.GetAsync(url + "/alive")).IsSuccessStatusCode) return hub;
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }
            await Task.Delay(250);
        }
        hub.KillHard();
        throw new TimeoutException($"The hub did not start:\n{hub.Log}");
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash.</summary>
    public void KillHard()
    {
        if (process.HasExited) return;
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        await Task.CompletedTask;
        process.Dispose();
    }
}
