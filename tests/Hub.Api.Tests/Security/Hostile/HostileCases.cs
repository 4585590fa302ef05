using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Hub.Api.Tests.Security.Hostile;

/// <summary>
/// The hostile inputs, generated from tables: bad paths in every kind of commit operation, broken NDJSON, hostile
/// revisions and paths on the read routes, LFS batch and transfer abuse, oversized and truncated bodies, bad base64,
/// malformed pkt-lines and packs for git-receive-pack, bad names.
/// </summary>
public static partial class HostileCases
{
    /// <summary>One request; <see cref="KestrelLevel"/> marks limits the web server enforces before the hub (no body to check).</summary>
    public sealed record Case(string Name, Func<HostileFixture, Task<HttpRequestMessage>> Build, bool Anonymous = false, bool KestrelLevel = false);

    public static readonly string[] BadPaths =
    [
        "../x", "../../etc/passwd", "a/../../b", "a/./b", "./a", "a/..", "..", ".", "a//b", "/abs", "//abs", "/etc/passwd", "a/b/",
        "C:\\x", "a\\b", "\\\\server\\share", ".git/config", ".git", "a/.git/hooks/post-update", ".GIT/x", ".git./x", ".git /x", "git~1/x",
        "a/.Git/HEAD", "a\0b", "a\nb", "a\rb", "a\tb", "\u001b[31mred.txt", "a\u007fb", "x\u0085y", "model\u202Etxt.bin", "mo\u200Bdel.bin",
        "\uFEFFconfig.json", "a\u2215b", "a\uFF0Fb", "\uFF0E\uFF0E/x", "a\u2024\u2024/b", "x\u2028y", "x\u2066y.bin", ".\uFF47\uFF49\uFF54/config",
        "a\u00ADb", "\u180Ex", "CON", "con.txt", "aux.json", "NUL", "com1.bin", "LPT9.txt", "a/prn/b", "dir./x", "x.", "trailing ", "a /b",
        new string('a', 300), string.Join('/', Enumerable.Repeat("abcdefgh", 600)), "\uD800x", "x\uDC00",
    ];

    public static IEnumerable<Case> All()
    {
        foreach (var (path, i) in BadPaths.Select((p, i) => (p, i)))
        {
            yield return Commit($"path-{i:D2}-file {Show(path)}", f => Op("file", $"{{\"path\":{Json(path)},\"content\":\"eA==\",\"encoding\":\"base64\"}}"));
            yield return Commit($"path-{i:D2}-lfsFile {Show(path)}", f => Op("lfsFile", $"{{\"path\":{Json(path)},\"algo\":\"sha256\",\"oid\":\"{f.WeightsOid}\",\"size\":{f.Weights.Length}}}"));
            yield return Commit($"path-{i:D2}-deletedFile {Show(path)}", f => Op("deletedFile", $"{{\"path\":{Json(path)}}}"));
            yield return Commit($"path-{i:D2}-deletedFolder {Show(path)}", f => Op("deletedFolder", $"{{\"path\":{Json(path)}}}"));
        }
        foreach (var c in CommitBodies()) yield return c;
        foreach (var c in ReadRoutes()) yield return c;
        foreach (var c in Lfs()) yield return c;
        foreach (var c in Oversized()) yield return c;
        foreach (var c in ReceivePack()) yield return c;
        foreach (var c in RepoAndRefNames()) yield return c;
    }

    public static readonly IReadOnlyDictionary<string, Case> ByName = All().ToDictionary(c => c.Name);

    public static TheoryData<string> Names() => new(ByName.Keys);

    private static Case Commit(string name, Func<HostileFixture, string> operation) =>
        new(name, f => Task.FromResult(Post($"api/models/{f.Repo}/commit/main", Header() + "\n" + operation(f) + "\n", "application/x-ndjson")));

    private static string Op(string key, string value) => $"{{\"key\":\"{key}\",\"value\":{value}}}";

    private static string Header(string? parent = null) =>
        JsonSerializer.Serialize(new { key = "header", value = new { summary = "hostile", description = "", parentCommit = parent } });

    private static HttpRequestMessage Post(string url, string body, string contentType) =>
        new(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, contentType) };

    private static HttpRequestMessage PostBytes(string url, byte[] body, string contentType)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        return request;
    }

    private static Task<HttpRequestMessage> Get(string url) => Task.FromResult(new HttpRequestMessage(HttpMethod.Get, url));

    /// <summary>A JSON string with every non-ASCII or control character escaped, lone surrogates included.</summary>
    public static string Json(string value)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in value)
        {
            if (c is '"' or '\\') builder.Append('\\').Append(c);
            else if (c < 0x20 || c > 0x7e) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            else builder.Append(c);
        }
        return builder.Append('"').ToString();
    }

    private static string Show(string value)
    {
        var shown = new string([.. value.Take(24).Select(c => c is >= ' ' and <= '~' ? c : '?')]);
        return value.Length > 24 ? shown + $"..({value.Length})" : shown;
    }
}
