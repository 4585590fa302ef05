using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Hub.Deploy.Tests.Cluster;

/// <summary>
/// One hub as its own operating-system process: the built <c>Hub.Api.dll</c> run by <c>dotnet</c>, configured through
/// environment variables exactly as a container is (<c>Hub__Storage__Blobs=s3</c>...).
/// </summary>
public sealed class HubProcess : IAsyncDisposable
{
    private const int KeptLines = 300;
    private readonly Process process;
    private readonly Queue<string> output = new();

    private HubProcess(string name, Process process, string url)
    {
        Name = name;
        this.process = process;
        Url = url;
        process.OutputDataReceived += (_, e) => Keep(e.Data);
        process.ErrorDataReceived += (_, e) => Keep(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Name { get; }

    /// <summary>Where this process listens (loopback).</summary>
    public string Url { get; }

    public bool HasExited => process.HasExited;

    /// <summary>The last lines the process printed (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output) return string.Join('\n', output);
        }
    }

    /// <summary>The built Hub.Api.dll of the configuration this assembly was built in.</summary>
    public static string HubApiDll { get; } = LocateHubApi();

    /// <summary>A loopback port free at the time of asking.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Starts <c>dotnet Hub.Api.dll</c> listening on <paramref name="port"/> with <paramref name="settings"/> (keys as in configuration, <c>Hub:Roles</c>).</summary>
    public static HubProcess Start(string name, int port, IReadOnlyDictionary<string, string> settings, params string[] arguments)
    {
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(HubApiDll)!,
        };
        start.ArgumentList.Add(HubApiDll);
        foreach (var a in arguments) start.ArgumentList.Add(a);
        if (arguments.Length == 0)
        {
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add(url);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (key, value) in settings) start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        return new HubProcess(name, process, url);
    }

    /// <summary>Waits until <c>/health</c> answers 200 (database, S3 and the repository root reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
                throw new InvalidOperationException($"Hub process {Name} exited with {process.ExitCode} before it was ready:\n{Output}");
            try
            {
                using var response = await client.GetAsync(Url + "/health", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to answer while starting.
            }
            if (deadline.Elapsed > timeout)
                throw new TimeoutException($"Hub process {Name} was not ready at {Url}/health within {timeout}:\n{Output}");
            await Task.Delay(200, cancellationToken);
        }
    }

    /// <summary>Waits for a one-shot command (such as <c>migrate</c>) to end; returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(CancellationToken cancellationToken)
    {
        await process.WaitForExitAsync(cancellationToken);
        return process.ExitCode;
    }

    /// <summary>SIGKILL, as when a node dies or the OOM killer strikes: no draining, no shutdown hooks.</summary>
    public void Kill() => process.Kill(entireProcessTree: false);

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(wait.Token);
        }
        process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null) return;
        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptLines) output.Dequeue();
        }
    }

    private static string LocateHubApi()
    {
        var configuration = typeof(HubProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Hub.sln"))) dir = dir.Parent;
        if (dir is null) throw new InvalidOperationException("Hub.sln not found above " + AppContext.BaseDirectory);
        var dll = Path.Combine(dir.FullName, "Hub.Api", "bin", configuration, "net10.0", "Hub.Api.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"Build Hub.Api ({configuration}) first: {dll} is missing.", dll);
    }
}
