using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Hub.Bench.Git;

/// <summary><c>git daemon --export-all</c> on a loopback port, serving the bare repositories under a base path: the limit the hub is compared with.</summary>
public sealed class GitDaemon : IAsyncDisposable
{
    private readonly Process process;
    private readonly int port;

    private GitDaemon(Process process, int port)
    {
        this.process = process;
        this.port = port;
    }

    public string Url(string relativePath) => $"git://127.0.0.1:{port}/{relativePath}";

    public static async Task<GitDaemon> StartAsync(string basePath, string probePath, IReadOnlyDictionary<string, string> environment, CancellationToken ct)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var start = new ProcessStartInfo("git") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "daemon", "--export-all", "--reuseaddr", "--listen=127.0.0.1", $"--port={port}", $"--base-path={basePath}" })
            start.ArgumentList.Add(a);
        foreach (var (k, v) in environment) start.Environment[k] = v;
        var process = Process.Start(start) ?? throw new InvalidOperationException("git daemon could not be started.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var daemon = new GitDaemon(process, port);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await BenchProcess.RunAsync("git", ["ls-remote", daemon.Url(probePath)], basePath, environment, ct: ct);
                return daemon;
            }
            catch (InvalidOperationException) when (attempt < 50 && !process.HasExited)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }
}
