using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;

namespace Hub.Api.Tests.Security.Hostile;

public static partial class HostileCases
{
    private const string Zero = "0000000000000000000000000000000000000000";

    private static IEnumerable<Case> ReceivePack()
    {
        Case Push(string name, Func<HostileFixture, byte[]> body, bool gzip = false) => new(name, f =>
        {
            var bytes = body(f);
            if (gzip)
            {
                var buffer = new MemoryStream();
                using (var z = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) z.Write(bytes);
                bytes = buffer.ToArray();
            }
            var request = PostBytes($"{f.Repo}.git/git-receive-pack", bytes, "application/x-git-receive-pack-request");
            if (gzip) request.Content!.Headers.ContentEncoding.Add("gzip");
            return Task.FromResult(request);
        });
        var newId = new string('1', 40);
        byte[] Command(string line) => Pkt(line + "\n");
        byte[] Create(string refName = "refs/heads/hostile") => [.. Pkt($"{Zero} {newId} {refName}\0report-status side-band-64k\n"), .. "0000"u8];
        yield return Push("pkt-garbage", _ => "zzzz"u8.ToArray());
        // A bare flush packet ("0000") is not hostile: git sends it as a probe before streaming a large push.
        yield return Push("pkt-empty-body", _ => []);
        yield return Push("pkt-two-bytes", _ => "00"u8.ToArray());
        yield return Push("pkt-length-too-small", _ => "0003"u8.ToArray());
        yield return Push("pkt-length-empty-line", _ => "00040000"u8.ToArray());
        yield return Push("pkt-length-beyond-body", _ => "00ff0000"u8.ToArray());
        yield return Push("pkt-length-over-max", _ => [.. "fff1"u8, .. new byte[100]]);
        yield return Push("pkt-delim-in-commands", _ => "00010000"u8.ToArray());
        yield return Push("pkt-bad-old-id", _ => [.. Command($"xyz {newId} refs/heads/x"), .. "0000"u8]);
        yield return Push("pkt-short-new-id", _ => [.. Command($"{Zero} 1234 refs/heads/x"), .. "0000"u8]);
        yield return Push("pkt-uppercase-id", _ => [.. Command($"{Zero} {new string('A', 40)} refs/heads/x"), .. "0000"u8]);
        yield return Push("pkt-missing-ref", _ => [.. Command($"{Zero} {newId}"), .. "0000"u8]);
        yield return Push("pkt-ref-not-under-refs", _ => [.. Command($"{Zero} {newId} HEAD"), .. "0000"u8]);
        yield return Push("pkt-ref-with-space", _ => [.. Command($"{Zero} {newId} refs/heads/a b"), .. "0000"u8]);
        yield return Push("pkt-push-cert", _ => [.. Command("push-cert\0report-status"), .. "0000"u8]);
        yield return Push("pkt-no-flush", _ => Command($"{Zero} {newId} refs/heads/x"));
        yield return Push("pack-missing", _ => Create());
        yield return Push("pack-bad-signature", _ => [.. Create(), .. "PACX"u8, 0, 0, 0, 2, 0, 0, 0, 0]);
        yield return Push("pack-bad-version", _ => [.. Create(), .. "PACK"u8, 0, 0, 0, 9, 0, 0, 0, 0]);
        yield return Push("pack-truncated-header", _ => [.. Create(), .. "PACK"u8, 0, 0]);
        yield return Push("pack-no-checksum", _ => [.. Create(), .. "PACK"u8, 0, 0, 0, 2, 0, 0, 0, 1]);
        yield return Push("pack-bad-checksum", _ => [.. Create(), .. Pack(1, [0x30, 0x78, 0x9c, 0x03, 0x00]), 0xde, 0xad]);
        yield return Push("pack-huge-count", _ => [.. Create(), .. "PACK"u8, 0, 0, 0, 2, 0xff, 0xff, 0xff, 0xff]);
        yield return Push("pack-truncated-gzip", _ => [.. Create(), .. "PACK"u8], gzip: true);
        yield return new("pack-corrupt-gzip", f =>
        {
            var request = PostBytes($"{f.Repo}.git/git-receive-pack", [0x1f, 0x8b, 8, 0, 0xde, 0xad, 0xbe, 0xef, 0, 0], "application/x-git-receive-pack-request");
            request.Content!.Headers.ContentEncoding.Add("gzip");
            return Task.FromResult(request);
        });
        yield return Push("pack-valid-checksum-garbage-objects", _ => [.. Create(), .. Pack(3, [0xff, 0xff, 0xff, 0x01, 0x02])]);
    }

    /// <summary>A pack with a correct trailing SHA-1 over <paramref name="objects"/> bytes (whatever they are).</summary>
    private static byte[] Pack(uint count, byte[] objects)
    {
        byte[] body = [.. "PACK"u8, 0, 0, 0, 2, (byte)(count >> 24), (byte)(count >> 16), (byte)(count >> 8), (byte)count, .. objects];
#pragma warning disable CA5350 // git's pack checksum
        return [.. body, .. SHA1.HashData(body)];
#pragma warning restore CA5350
    }

    private static byte[] Pkt(string line)
    {
        var payload = Encoding.UTF8.GetBytes(line);
        return [.. Encoding.ASCII.GetBytes((payload.Length + 4).ToString("x4", System.Globalization.CultureInfo.InvariantCulture)), .. payload];
    }

    private static IEnumerable<Case> RepoAndRefNames()
    {
        foreach (var (name, i) in new[] { "../x", "a/b/c", "x\u0000y", new string('n', 500), ".git", "-x", "x.git", "\u0430dmin-model", "a--b", "a..b", "", " ", "x\ny", "CON/x" }.Select((n, i) => (n, i)))
            yield return new($"create-repo-name-{i:D2} {Show(name)}", _ => Task.FromResult(Post("api/repos/create", $"{{\"name\":{Json(name)},\"type\":\"model\"}}", "application/json")));
        yield return new("create-repo-bad-type", _ => Task.FromResult(Post("api/repos/create", "{\"name\":\"ok-name\",\"type\":\"../model\"}", "application/json")));
        yield return new("create-repo-file-traversal", _ => Task.FromResult(Post("api/repos/create", "{\"name\":\"ok-" + Guid.NewGuid().ToString("N")[..8] + "\",\"type\":\"model\",\"files\":[{\"path\":\"../../x\",\"content\":\"eA==\",\"encoding\":\"base64\"}]}", "application/json")));
        string[] branches = ["a..b", "x.lock", "-x", "a%20b", "a~1", "a%5E", "a:b", "%40%7Bx%7D", "refs%2Fheads%2F..%2Fx", "a%00b", ".hidden", "a/", "a//b", "a%5Cb", "main"];
        foreach (var (b, i) in branches.Select((b, i) => (b, i)))
            yield return new($"branch-{i:D2} {b}", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Post, $"api/models/{f.Repo}/branch/{b}")), KestrelLevel: b.Contains("%00", StringComparison.Ordinal));
        foreach (var (t, i) in new[] { "..", "a b", "x.lock", "-x", "a~b", "" }.Select((t, i) => (t, i)))
            yield return new($"tag-{i:D2} {Show(t)}", f => Task.FromResult(Post($"api/models/{f.Repo}/tag/main", $"{{\"tag\":{Json(t)}}}", "application/json")));
        yield return new("branch-delete-default", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Delete, $"api/models/{f.Repo}/branch/main")));
        yield return new("settings-bad-visibility", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"api/models/{f.Repo}/settings") { Content = new StringContent("{\"visibility\":\"everyone\"}", Encoding.UTF8, "application/json") }));
        yield return new("settings-bad-gated", f => Task.FromResult(new HttpRequestMessage(HttpMethod.Put, $"api/models/{f.Repo}/settings") { Content = new StringContent("{\"gated\":true}", Encoding.UTF8, "application/json") }));
        yield return new("move-to-traversal", f => Task.FromResult(Post("api/repos/move", $"{{\"fromRepo\":\"{f.Repo}\",\"toRepo\":\"../../x\",\"type\":\"model\"}}", "application/json")));
        yield return new("token-bad-role", _ => Task.FromResult(Post("api/settings/tokens", "{\"displayName\":\"x\",\"role\":\"root\"}", "application/json")));
        yield return new("token-scope-unknown-repo", _ => Task.FromResult(Post("api/settings/tokens", "{\"displayName\":\"x\",\"role\":\"fineGrained\",\"scopes\":[{\"repo\":\"nobody/nothing\",\"access\":\"write\"}]}", "application/json")));
        yield return new("token-scope-bad-access", f => Task.FromResult(Post("api/settings/tokens", $"{{\"displayName\":\"x\",\"role\":\"fineGrained\",\"scopes\":[{{\"repo\":\"{f.Repo}\",\"access\":\"admin\"}}]}}", "application/json")));
        yield return new("token-expiry-negative", _ => Task.FromResult(Post("api/settings/tokens", "{\"displayName\":\"x\",\"role\":\"read\",\"expiresInDays\":-1}", "application/json")));
    }
}
