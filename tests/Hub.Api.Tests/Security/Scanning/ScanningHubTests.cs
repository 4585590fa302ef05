using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Api.Tests.Security.Scanning;

/// <summary>Scanning inside the hub: on HTTP commits (LFS objects read from S3) and git pushes, in report, refuse and quarantine modes.</summary>
public sealed class ScanningHubTests(ProductionHub production) : IClassFixture<ProductionHub>
{
    /// <summary>GLOBAL os system + REDUCE, protocol 0.</summary>
    public static readonly byte[] Malicious = Encoding.ASCII.GetBytes("cos\nsystem\n(S'echo pwned'\ntR.");

    /// <summary>A PyTorch-style zip whose data.pkl rebuilds an OrderedDict.</summary>
    public static byte[] BenignTorchZip()
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var pkl = zip.CreateEntry("archive/data.pkl").Open()) pkl.Write([0x80, 2, .. "ccollections\nOrderedDict\nq\u0000)Rq\u0001."u8]);
            using (var data = zip.CreateEntry("archive/data/0").Open()) data.Write(new byte[4096]);
        }
        return buffer.ToArray();
    }

    private static async Task<JsonArray> TreeAsync(HttpClient client, string repo) =>
        (await client.GetFromJsonAsync<JsonArray>($"api/models/{repo}/tree/main?recursive=true&expand=true"))!;

    private static JsonNode Status(JsonArray tree, string path) => tree.Single(e => e!["path"]!.GetValue<string>() == path)!["securityFileStatus"]!;

    [Fact]
    public async Task Report_mode_flags_unsafe_files_in_the_tree_and_the_repo_info()
    {
        var (_, token) = await production.CreateUserAsync();
        var client = production.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "scan-" + Guid.NewGuid().ToString("N")[..8]);
        byte[] evilLfs = [.. Malicious, .. Encoding.ASCII.GetBytes(Guid.NewGuid().ToString())];
        var benign = BenignTorchZip();
        await HubApi.UploadLfsAsync(client, repo, evilLfs);
        await HubApi.UploadLfsAsync(client, repo, benign);
        await HubApi.CommitOkAsync(client, repo, "weights",
            HubApi.LfsFile("pytorch_model.bin", evilLfs), HubApi.LfsFile("model.pt", benign),
            HubApi.File("extra/evil.pkl", Malicious), HubApi.File("README.md", "hi"u8.ToArray()));

        var tree = await TreeAsync(client, repo);
        var unsafeLfs = Status(tree, "pytorch_model.bin");
        Assert.Equal("unsafe", unsafeLfs["status"]!.GetValue<string>());
        Assert.Equal("os.system", $"{unsafeLfs["pickleImportScan"]!["pickleImports"]![0]!["module"]}.{unsafeLfs["pickleImportScan"]!["pickleImports"]![0]!["name"]}");
        Assert.Equal("dangerous", unsafeLfs["pickleImportScan"]!["pickleImports"]![0]!["safety"]!.GetValue<string>());
        Assert.Equal("unsafe", Status(tree, "extra/evil.pkl")["status"]!.GetValue<string>());
        Assert.Equal("safe", Status(tree, "model.pt")["status"]!.GetValue<string>());
        Assert.All(tree.Where(e => e!["type"]!.GetValue<string>() == "file"), e =>
        {
            var s = e!["securityFileStatus"]!.AsObject();
            Assert.True(s.ContainsKey("status") && s.ContainsKey("avScan") && s.ContainsKey("pickleImportScan"));
        });

        var info = (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}?securityStatus=true"))!;
        var status = info["securityRepoStatus"]!;
        Assert.True(status["scansDone"]!.GetValue<bool>());
        Assert.Equal(["extra/evil.pkl", "pytorch_model.bin"], status["filesWithIssues"]!.AsArray().Select(f => f!["path"]!.GetValue<string>()).Order());
        // Report mode serves the file (users decide); it stays flagged.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{repo}/resolve/main/extra/evil.pkl")).StatusCode);
        var flagged = await production.Client(production.AdminToken).GetFromJsonAsync<JsonArray>("api/admin/scans?status=unsafe&limit=1000");
        Assert.Contains(flagged!, s => s!["contentKey"]!.GetValue<string>() == "sha256:" + HubApi.Sha256(evilLfs));
    }

    [Fact]
    public async Task Refuse_mode_refuses_commits_and_pushes_with_unsafe_files()
    {
        var hub = new SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:Security:Scanning:Mode"] = "refuse" });
        await hub.InitializeAsync();
        try
        {
            var (user, token) = await hub.CreateUserAsync();
            var client = hub.Client(token);
            var repo = await HubApi.CreateRepoAsync(client, "refuse-" + Guid.NewGuid().ToString("N")[..8]);
            var head = (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["sha"]!.GetValue<string>();
            var refused = await HubApi.CommitAsync(client, repo, "evil", [HubApi.File("model.pkl", Malicious)]);
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
            Assert.Contains("model.pkl", refused.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
            Assert.Contains("os.system", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal(head, (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["sha"]!.GetValue<string>());
            await HubApi.CommitOkAsync(client, repo, "fine", HubApi.File("model.pt", BenignTorchZip()));

            using var work = new Hub.Testing.TempDirectory("scan-push");
            var url = hub.Url.Replace("http://", $"http://{user}:{token}@", StringComparison.Ordinal) + "/" + repo;
            async Task<(int Exit, string Output)> Git(params string[] args) =>
                await ProcessRunner.RunAsync("git", ["-c", "user.name=t", "-c", "user.email=t@example.test", .. args], work.Path);
            Assert.Equal(0, (await Git("clone", url, "r")).Exit);
            var checkout = Path.Combine(work.Path, "r");
            await File.WriteAllBytesAsync(Path.Combine(checkout, "weights.pth"), Malicious);
            await Git("-C", checkout, "add", "weights.pth");
            await Git("-C", checkout, "commit", "-m", "evil");
            var (exit, output) = await Git("-C", checkout, "push", "origin", "main");
            Assert.NotEqual(0, exit);
            Assert.True(output.Contains("security scan", StringComparison.Ordinal), output);
            Assert.Contains("weights.pth", output, StringComparison.Ordinal);
            Assert.Equal(2, (await client.GetFromJsonAsync<JsonArray>($"api/models/{repo}/commits/main"))!.Count);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public async Task Quarantine_mode_keeps_unsafe_files_unserved_until_an_admin_releases_them()
    {
        var hub = new SecurityHub(production: false, new Dictionary<string, string?> { ["Hub:Security:Scanning:Mode"] = "quarantine" });
        await hub.InitializeAsync();
        try
        {
            var (_, token) = await hub.CreateUserAsync();
            var client = hub.Client(token);
            var repo = await HubApi.CreateRepoAsync(client, "quarantine-" + Guid.NewGuid().ToString("N")[..8]);
            byte[] evil = [.. Malicious, .. Encoding.ASCII.GetBytes(Guid.NewGuid().ToString())];
            await HubApi.UploadLfsAsync(client, repo, evil);
            await HubApi.CommitOkAsync(client, repo, "evil", HubApi.LfsFile("pytorch_model.bin", evil), HubApi.File("README.md", "x"u8.ToArray()));

            var blocked = await client.GetAsync($"{repo}/resolve/main/pytorch_model.bin");
            Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
            Assert.Equal("Quarantined", blocked.Headers.GetValues("X-Error-Code").Single());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{repo}/resolve/main/README.md")).StatusCode);
            var batch = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", JsonContent.Create(new { operation = "download", objects = new[] { new { oid = HubApi.Sha256(evil), size = evil.Length } } }));
            Assert.Equal(403, (await batch.Content.ReadFromJsonAsync<JsonObject>())!["objects"]![0]!["error"]!["code"]!.GetValue<int>());
            Assert.Equal("quarantined", Status(await TreeAsync(client, repo), "pytorch_model.bin")["status"]!.GetValue<string>());

            var admin = hub.Client(hub.AdminToken);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("api/admin/scans/release", new { contentKey = "sha256:" + HubApi.Sha256(evil) })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("api/admin/scans/release", new { contentKey = "sha256:" + HubApi.Sha256(evil) })).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{repo}/resolve/main/pytorch_model.bin")).StatusCode);
            Assert.Equal("unsafe", Status(await TreeAsync(client, repo), "pytorch_model.bin")["status"]!.GetValue<string>());
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }
}
