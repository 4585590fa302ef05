using System.Text;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Reliability.Tests;

/// <summary>
/// A PostgreSQL and a Ceph RGW of the outage tests' own, on free loopback ports, started with the project's scripts
/// (deploy/test/pg-up.sh, ceph-rgw-up.sh). Only these are ever stopped — never the shared test services.
/// </summary>
public static class ThrowawayServices
{
    private static string Script(string name) => Path.Combine(RepoRoot.Path, "deploy", "test", name);

    private static async Task RunAsync(string file, IEnumerable<string> args, IDictionary<string, string>? env = null, string? cwd = null)
    {
        var (exit, output) = await ProcessRunner.RunAsync(file, args, cwd ?? Path.GetTempPath(), env, TimeSpan.FromMinutes(3));
        if (exit != 0) throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed ({exit}):\n{output}");
    }

    private static string PgBin => Directory.GetDirectories("/usr/lib/postgresql").Order(StringComparer.Ordinal).Last() + "/bin";

    public sealed class Postgres(string dir, int port) : IAsyncDisposable
    {
        public string ConnectionString => $"Host=127.0.0.1;Port={port};Username=postgres;Database=hub;Timeout=5;Command Timeout=15";

        public static async Task<Postgres> StartAsync()
        {
            var dir = Path.Combine(Path.GetTempPath(), "hub-outage-pg-" + Guid.NewGuid().ToString("N")[..8]);
            var port = HubProcess.FreePort();
            await RunAsync(Script("pg-up.sh"), [dir], new Dictionary<string, string> { ["PGPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture) });
            return new Postgres(dir, port);
        }

        public Task StopAsync() => RunAsync("runuser", ["-u", "postgres", "--", PgBin + "/pg_ctl", "-D", dir + "/data", "-m", "fast", "-w", "stop"]);

        public Task StartAgainAsync() => RunAsync("runuser", ["-u", "postgres", "--", PgBin + "/pg_ctl", "-D", dir + "/data", "-l", dir + "/log", "-w", "-t", "30",
            "-o", $"-h 127.0.0.1 -p {port} -k {dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off", "start"]);

        public async ValueTask DisposeAsync()
        {
            try
            {
                await RunAsync("runuser", ["-u", "postgres", "--", PgBin + "/pg_ctl", "-D", dir + "/data", "-m", "immediate", "stop"]);
            }
            catch (InvalidOperationException)
            {
                // already stopped
            }
            Directory.Delete(dir, recursive: true);
        }
    }

    public sealed class Rgw(string dir, int port) : IAsyncDisposable
    {
        public string Url => $"http://127.0.0.1:{port}";

        private string Conf => Path.Combine(dir, "ceph.conf");

        public static async Task<Rgw> StartAsync()
        {
            var dir = Path.Combine(Path.GetTempPath(), "hub-outage-rgw-" + Guid.NewGuid().ToString("N")[..8]);
            var port = HubProcess.FreePort();
            var env = new Dictionary<string, string>
            {
                ["RGWPORT"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["MONPORT"] = HubProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
            await RunAsync(Script("ceph-rgw-up.sh"), [dir], env);
            return new Rgw(dir, port);
        }

        public async Task StopAsync()
        {
            Kill("client.rgw.a.pid");
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(1) };
            for (var i = 0; i < 100; i++)
            {
                try { await client.GetAsync(Url); }
                catch (HttpRequestException) { return; }
                catch (TaskCanceledException) { return; }
                await Task.Delay(100);
            }
        }

        public async Task StartAgainAsync()
        {
            await RunAsync("radosgw", ["-c", Conf, "-n", "client.rgw.a"]);
            using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            for (var i = 0; i < 120; i++)
            {
                try
                {
                    await client.GetAsync(Url);
                    return;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(500);
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var pid in new[] { "client.rgw.a.pid", "osd.0.pid", "mon.a.pid" }) Kill(pid);
            await Task.Delay(1000);
            Directory.Delete(dir, recursive: true);
        }

        /// <summary>Stops one daemon of this cluster by the pid file it wrote (SIGTERM).</summary>
        private void Kill(string pidFile)
        {
            var path = Path.Combine(dir, "run", pidFile);
            if (!File.Exists(path) || !int.TryParse(File.ReadAllText(path, Encoding.ASCII).Trim(), out var pid)) return;
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(pid);
                process.Kill();
                process.WaitForExit(10_000);
            }
            catch (ArgumentException)
            {
                // not running
            }
        }
    }
}
