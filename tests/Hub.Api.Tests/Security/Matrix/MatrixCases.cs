using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Hub.Api.Tests.Security.Matrix;

/// <summary>
/// The authorization matrix as data: every surface with what it needs (see, read files, write, administer), every
/// caller with its role, every repository kind, and the expected answer of each cell derived from the policy written
/// down here independently of the hub's code.
/// </summary>
public static class MatrixCases
{
    public static readonly string[] RepoKinds = ["public", "private", "gated"];

    public static readonly string[] Callers = ["anonymous", "read-token", "write-token", "fine-grained-other-repo", "org-reader", "org-writer", "other-user", "admin"];

    public enum Need { See, ReadFiles, Write, Admin, Listed }

    /// <summary>A surface: what it needs, what it answers when allowed, and how to call it.</summary>
    public sealed record Surface(string Name, Need Need, int AllowedStatus, Func<MatrixFixture, string, string, Task<HttpRequestMessage>> Build, bool LfsShape = false);

    public static readonly Surface[] Surfaces =
    [
        new("repo-info", Need.See, 200, (f, r, n) => Get($"api/models/{n}")),
        new("repo-info-revision", Need.See, 200, (f, r, n) => Get($"api/models/{n}/revision/main?securityStatus=true")),
        new("list-search", Need.Listed, 200, (f, r, n) => Get($"api/models?search={n.Split('/')[1]}&author={f.Org}")),
        new("quicksearch", Need.Listed, 200, (f, r, n) => Get($"api/quicksearch?q={n.Split('/')[1]}")),
        new("tree", Need.See, 200, (f, r, n) => Get($"api/models/{n}/tree/main?expand=true")),
        new("paths-info", Need.See, 200, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"api/models/{n}/paths-info/main")
        {
            Content = new FormUrlEncodedContent([new("paths", "config.json"), new("expand", "true")]),
        })),
        new("refs", Need.See, 200, (f, r, n) => Get($"api/models/{n}/refs")),
        new("commits", Need.See, 200, (f, r, n) => Get($"api/models/{n}/commits/main")),
        new("resolve", Need.ReadFiles, 200, (f, r, n) => Get($"{n}/resolve/main/config.json")),
        new("resolve-lfs", Need.ReadFiles, 302, (f, r, n) => Get($"{n}/resolve/main/weights.bin")),
        new("raw", Need.ReadFiles, 200, (f, r, n) => Get($"{n}/raw/main/config.json")),
        new("auth-check", Need.ReadFiles, 200, (f, r, n) => Get($"api/models/{n}/auth-check")),
        new("lfs-batch-download", Need.ReadFiles, 200, (f, r, n) => Batch(n, "download", f.LfsOids[r], f.LfsSizes[r]), LfsShape: true),
        new("lfs-batch-upload", Need.Write, 200, (f, r, n) => Batch(n, "upload", Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()) + Convert.ToHexStringLower(Guid.NewGuid().ToByteArray()), 10), LfsShape: true),
        new("git-info-refs-upload-pack", Need.ReadFiles, 200, (f, r, n) => Get($"{n}.git/info/refs?service=git-upload-pack")),
        new("git-upload-pack", Need.ReadFiles, 200, (f, r, n) =>
        {
            var request = new HttpRequestMessage(HttpMethod.Post, $"{n}.git/git-upload-pack") { Content = new ByteArrayContent("0014command=ls-refs\n0000"u8.ToArray()) };
            request.Headers.Add("Git-Protocol", "version=2");
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-upload-pack-request");
            return Task.FromResult(request);
        }),
        new("git-info-refs-receive-pack", Need.Write, 200, (f, r, n) => Get($"{n}.git/info/refs?service=git-receive-pack")),
        // An empty command list: refused by the framing checks (400) once the caller may push at all.
        // A bare flush packet is the probe git sends before a large push: allowed callers get 200 and nothing changes.
        new("git-receive-pack", Need.Write, 200, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"{n}.git/git-receive-pack") { Content = new ByteArrayContent("0000"u8.ToArray()) })),
        new("commit", Need.Write, 200, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"api/models/{n}/commit/main") { Content = CommitBody() })),
        new("branch-create", Need.Write, 200, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"api/models/{n}/branch/b-{Guid.NewGuid():N}"))),
        new("settings", Need.Admin, 200, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"api/models/{n}/settings")
        {
            Content = JsonContent.Create(r == "gated" ? (object)new { gated = "manual" } : new { gated = false }),
        })),
        new("access-requests", Need.Admin, 200, (f, r, n) => Get($"api/models/{n}/user-access-request/pending")),
        new("delete", Need.Admin, 200, DeleteAsync),
        new("inference", Need.ReadFiles, 400, (f, r, n) => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"models/{n}") { Content = JsonContent.Create(new { inputs = "hello" }) })),
    ];

    public static TheoryData<string, string, string> All()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var surface in Surfaces)
            foreach (var caller in Callers)
                foreach (var repo in RepoKinds)
                    data.Add(surface.Name, caller, repo);
        return data;
    }

    /// <summary>The role a caller holds on the organization's repositories, and whether its credential may write.</summary>
    public static (string? Role, bool CredentialWrites) RoleOf(string caller) => caller switch
    {
        "read-token" => ("admin", false),
        "write-token" => ("admin", true),
        "org-reader" => ("read", true),
        "org-writer" => ("write", true),
        "admin" => ("admin", true),
        _ => (null, caller != "anonymous"),
    };

    /// <summary>The expected status and X-Error-Code (or "listed"/"absent" for lists).</summary>
    public static (int Status, string? Code) Expected(Surface surface, string caller, string repo)
    {
        var (role, writes) = RoleOf(caller);
        var anonymous = caller == "anonymous";
        var seen = repo != "private" || role is not null;
        if (surface.Need == Need.Listed) return (200, seen ? "listed" : "absent");
        // Deleting answers anonymous callers "not found" before looking at the repository.
        if (surface.Name == "delete" && anonymous) return (401, "RepoNotFound");
        if (!seen) return anonymous ? (401, "RepoNotFound") : (404, "RepoNotFound");
        var allowed = surface.Need switch
        {
            Need.See => true,
            Need.ReadFiles => repo != "gated" || role is not null,
            Need.Write => writes && role is "write" or "admin",
            Need.Admin => writes && role is "admin",
            _ => false,
        };
        if (allowed) return (surface.AllowedStatus, null);
        if (surface.Need == Need.ReadFiles) return anonymous ? (401, "GatedRepo") : (403, "GatedRepo");
        return anonymous ? (401, null) : (403, null);
    }

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    private static Task<HttpRequestMessage> Batch(string repo, string operation, string oid, long size) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"{repo}.git/info/lfs/objects/batch")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { operation, transfers = new[] { "basic" }, objects = new[] { new { oid, size } }, hash_algo = "sha256" }),
                Encoding.UTF8, "application/vnd.git-lfs+json"),
        });

    private static StringContent CommitBody()
    {
        var lines = new[]
        {
            JsonSerializer.Serialize(new { key = "header", value = new { summary = "matrix", description = "" } }),
            JsonSerializer.Serialize(new { key = "file", value = new { path = $"matrix/{Guid.NewGuid():N}.txt", content = Convert.ToBase64String("x"u8.ToArray()), encoding = "base64" } }),
        };
        return new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");
    }

    /// <summary>Deletes <paramref name="fullName"/> (the test passes a fresh repository when the deletion is allowed).</summary>
    private static Task<HttpRequestMessage> DeleteAsync(MatrixFixture f, string repo, string fullName) =>
        Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete")
        {
            Content = JsonContent.Create(new { name = fullName.Split('/')[1], organization = f.Org, type = "model" }),
        });
}
