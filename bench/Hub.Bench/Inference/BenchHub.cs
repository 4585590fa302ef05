using System.Net.Http.Headers;
using Hub.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hub.Bench.Inference;

/// <summary>An embedded hub on loopback for the bench, and the upload of a model the way clients do it.</summary>
internal sealed class BenchHub : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string dataDir;

    private BenchHub(WebApplication app, string dataDir, string token)
    {
        this.app = app;
        this.dataDir = dataDir;
        Token = token;
        Url = app.Urls.First().TrimEnd('/');
    }

    public string Url { get; }

    public string Token { get; }

    /// <summary>The hub's services, for measuring a layer below HTTP.</summary>
    public IServiceProvider Services => app.Services;

    public static async Task<BenchHub> StartAsync(IDictionary<string, string?> settings)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), $"hub-bench-{Guid.NewGuid():N}");
        var token = "hf_" + Guid.NewGuid().ToString("N");
        settings["Hub:DataDir"] = dataDir;
        settings["Hub:Bootstrap:AdminToken"] = token;
        settings["Logging:LogLevel:Default"] = "Warning";
        var app = HubApplication.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        return new BenchHub(app, dataDir, token);
    }

    public HttpClient Client()
    {
        var client = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = new Uri(Url + "/"), Timeout = TimeSpan.FromMinutes(5) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        return client;
    }

    /// <summary>Creates <c>admin/{name}</c> and commits the files; those marked LFS go through the LFS batch API.</summary>
    public async Task<string> UploadAsync(string name, IEnumerable<(string Path, byte[] Content, bool Lfs)> files)
    {
        using var client = Client();
        return await ModelUpload.UploadAsync(client, name, files);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
