using System.Text;

namespace Hub.Api.Tests.Security.Hostile;

public static partial class HostileCases
{
    private static IEnumerable<Case> CommitBodies()
    {
        string file = Op("file", "{\"path\":\"ok.txt\",\"content\":\"eA==\",\"encoding\":\"base64\"}");
        Case Body(string name, Func<HostileFixture, string> body, string revision = "main") =>
            new(name, f => Task.FromResult(Post($"api/models/{f.Repo}/commit/{revision}", body(f), "application/x-ndjson")));
        yield return Body("ndjson-not-json", _ => "this is not json\n");
        yield return Body("ndjson-empty-body", _ => "");
        yield return Body("ndjson-header-only", _ => Header() + "\n");
        yield return Body("ndjson-no-header", _ => file + "\n");
        yield return Body("ndjson-two-headers", _ => Header() + "\n" + Header() + "\n" + file + "\n");
        yield return Body("ndjson-unknown-key", _ => Header() + "\n" + Op("rmrf", "{\"path\":\"x\"}") + "\n");
        yield return Body("ndjson-key-not-string", _ => Header() + "\n{\"key\":1,\"value\":{}}\n");
        yield return Body("ndjson-value-not-object", _ => Header() + "\n{\"key\":\"file\",\"value\":\"x\"}\n");
        yield return Body("ndjson-file-without-path", _ => Header() + "\n" + Op("file", "{\"content\":\"eA==\",\"encoding\":\"base64\"}") + "\n");
        yield return Body("ndjson-path-not-string", _ => Header() + "\n" + Op("file", "{\"path\":[1],\"content\":\"eA==\",\"encoding\":\"base64\"}") + "\n");
        foreach (var (bad, i) in new[] { "!!!!", "abc", "YQ=", "====", "eA==eA==", "e A = =\u0001", "\u00e9t\u00e9" }.Select((b, i) => (b, i)))
            yield return Body($"ndjson-bad-base64-{i}", _ => Header() + "\n" + Op("file", $"{{\"path\":\"b64.txt\",\"content\":{Json(bad)},\"encoding\":\"base64\"}}") + "\n");
        yield return Body("ndjson-unknown-encoding", _ => Header() + "\n" + Op("file", "{\"path\":\"x.txt\",\"content\":\"x\",\"encoding\":\"rot13\"}") + "\n");
        foreach (var (oid, i) in new[] { "zz", "../../../etc/passwd", new string('A', 64), new string('a', 63), new string('g', 64), "" }.Select((o, i) => (o, i)))
            yield return Body($"ndjson-lfs-bad-oid-{i}", _ => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":{Json(oid)},\"size\":3}}") + "\n");
        yield return Body("ndjson-lfs-negative-size", f => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"{f.WeightsOid}\",\"size\":-1}}") + "\n");
        yield return Body("ndjson-lfs-size-string", f => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"{f.WeightsOid}\",\"size\":\"3\"}}") + "\n");
        yield return Body("ndjson-lfs-size-mismatch", f => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"{f.WeightsOid}\",\"size\":{f.Weights.Length + 1}}}") + "\n");
        yield return Body("ndjson-lfs-loose-size-mismatch", f => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"l.bin\",\"algo\":\"sha256\",\"oid\":\"{Tests.Infrastructure.HubApi.Sha256(f.Loose)}\",\"size\":1}}") + "\n");
        yield return Body("ndjson-lfs-never-uploaded", _ => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"sha256\",\"oid\":\"{new string('c', 64)}\",\"size\":3}}") + "\n");
        yield return Body("ndjson-lfs-algo-md5", f => Header() + "\n" + Op("lfsFile", $"{{\"path\":\"w.bin\",\"algo\":\"md5\",\"oid\":\"{f.WeightsOid}\",\"size\":{f.Weights.Length}}}") + "\n");
        yield return Body("ndjson-truncated-line", _ => Header() + "\n{\"key\":\"file\",\"value\":{\"path\":\"a");
        yield return Body("ndjson-truncated-header", _ => "{\"key\":\"header\",\"value\":{\"summ");
        yield return Body("ndjson-parent-not-a-commit", _ => Header("zzzz") + "\n" + file + "\n");
        yield return Body("ndjson-parent-unknown-commit", _ => Header(new string('b', 40)) + "\n" + file + "\n");
        yield return Body("ndjson-parent-option-injection", _ => Header("--all") + "\n" + file + "\n");
        yield return Body("ndjson-json-depth-bomb", _ => Header() + "\n{\"key\":\"file\",\"value\":" + new string('[', 5000) + new string(']', 5000) + "}\n");
        yield return Body("ndjson-oversized-line", _ => Header() + "\n" + Op("file", "{\"path\":\"big.txt\",\"content\":\"" + new string('A', 17 * 1024 * 1024) + "\",\"encoding\":\"base64\"}") + "\n");
        yield return Body("ndjson-regular-file-over-limit", _ => Header() + "\n" + Op("file", "{\"path\":\"big.txt\",\"content\":\"" + Convert.ToBase64String(new byte[11 * 1024 * 1024]) + "\",\"encoding\":\"base64\"}") + "\n");
        yield return new("ndjson-invalid-utf8", f => Task.FromResult(PostBytes($"api/models/{f.Repo}/commit/main",
            [.. Encoding.UTF8.GetBytes(Header() + "\n{\"key\":\"file\",\"value\":{\"path\":\""), 0xff, 0xfe, .. "\",\"content\":\"eA==\",\"encoding\":\"base64\"}}\n"u8], "application/x-ndjson")));
        foreach (var (revision, i) in new[] { "main~1", "main%5E", "HEAD:config.json", "%2D%2Dall", "refs%2Fheads%2F..%2Fx", "does-not-exist", "main.lock", "@{-1}" }.Select((r, i) => (r, i)))
            yield return Body($"ndjson-bad-revision-{i} {revision}", _ => Header() + "\n" + file + "\n", revision);
    }

    private static IEnumerable<Case> ReadRoutes()
    {
        // Kestrel removes dot segments (also %2e%2e) before routing, so "tree/main/%2e%2e/%2e%2e" is simply another route; the
        // encoded-slash forms below reach the hub as written.
        string[] trees = ["main/..%2F..%2Fetc", "..%2F..", "main/a%00b", "HEAD~1", "main%5E", "main:config.json", "--upload-pack=x",
            "-x", "main%0Aextra", "%2Fetc%2Fpasswd", "main/.git", "main/does/not/exist", "0000000", new string('f', 41), "main/docs/readme.md%2F..%2F..%2F.."];
        foreach (var (t, i) in trees.Select((t, i) => (t, i)))
            yield return new($"tree-{i:D2} {t}", f => Get($"api/models/{f.Repo}/tree/{t}"), KestrelLevel: t.Contains("%00", StringComparison.Ordinal));
        string[] files = ["main/..%2F..%2F..%2Fetc%2Fpasswd", "main/%2e%2e/config.json", "main//etc/passwd", "main/.git/config", "main/config.json%00.txt",
            "main~0/config.json", "%40%7B-1%7D/config.json", "--output=%2Ftmp%2Fx/config.json", "main/docs%2F..%2F..%2F..%2Fx", "0000000/config.json",
            $"{new string('a', 41)}/config.json", "main/docs", "main/", "main/\u202Econfig.json", "main/CON"];
        foreach (var (p, i) in files.Select((p, i) => (p, i)))
        {
            var kestrel = p.Contains("%00", StringComparison.Ordinal);
            yield return new($"resolve-{i:D2} {p}", f => Get($"{f.Repo}/resolve/{p}"), KestrelLevel: kestrel);
            if (i % 2 == 0) yield return new($"raw-{i:D2} {p}", f => Get($"{f.Repo}/raw/{p}"), KestrelLevel: kestrel);
        }
        yield return new("repo-route-encoded-slash", _ => Get("api/models/a%2Fb/c"));
        yield return new("resolve-unknown-repo-traversal", _ => Get("..%2F..%2Fetc/passwd/resolve/main/x"));
    }
}
