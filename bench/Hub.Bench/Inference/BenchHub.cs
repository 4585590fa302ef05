using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
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
        var created = await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" });
        created.EnsureSuccessStatusCode();
        var repo = (await created.Content.ReadFromJsonAsync<JsonObject>())!["name"]!.GetValue<string>();
        var lines = new List<string> { JsonSerializer.Serialize(new { key = "header", value = new { summary = "Add model", description = "" } }) };
        foreach (var (path, content, lfs) in files)
        {
            if (!lfs)
            {
                lines.Add(JsonSerializer.Serialize(new { key = "file", value = new { path, content = Convert.ToBase64String(content), encoding = "base64" } }));
                continue;
            }
            var oid = Convert.ToHexStringLower(SHA256.HashData(content));
            var batch = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", new StringContent(
                JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic" }, objects = new[] { new { oid, size = content.Length } } }),
                Encoding.UTF8, "application/vnd.git-lfs+json"));
            batch.EnsureSuccessStatusCode();
            var actions = JsonNode.Parse(await batch.Content.ReadAsStringAsync())!["objects"]![0]!["actions"];
            if (actions?["upload"]?["href"]?.GetValue<string>() is { } href)
            {
                using var plain = new HttpClient();
                (await plain.PutAsync(href, new ByteArrayContent(content))).EnsureSuccessStatusCode();
                if (actions["verify"]?["href"]?.GetValue<string>() is { } verify)
                    (await client.PostAsync(verify, JsonContent.Create(new { oid, size = content.Length }))).EnsureSuccessStatusCode();
            }
            lines.Add(JsonSerializer.Serialize(new { key = "lfsFile", value = new { path, algo = "sha256", oid, size = content.Length } }));
        }
        var commit = await client.PostAsync($"api/models/{repo}/commit/main", new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson"));
        commit.EnsureSuccessStatusCode();
        return repo;
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
