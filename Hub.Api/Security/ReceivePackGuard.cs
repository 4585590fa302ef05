using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Hub.Api.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Api.Security;

/// <summary>
/// Checks a <c>git-receive-pack</c> request before git sees it: pkt-line framing, the ref update commands
/// (<c>old new ref</c>, 40-hex ids, names under <c>refs/</c>), push options, and the pack header; a pack of up to
/// <see cref="MaxVerifiedPack"/> bytes is also checked against its trailing SHA-1 and indexed by
/// <c>git index-pack --strict</c> into a scratch object directory (the repository's objects as alternates, for thin
/// packs), so a truncated or corrupt upload is answered 400 with git's reason instead of an "unpack error" inside a
/// 200. What was read is replayed to receive-pack unchanged (gunzipped). Larger packs stream through and receive-pack
/// verifies them itself.
/// </summary>
public static class ReceivePackGuard
{
    public const int MaxCommandBytes = 1024 * 1024;
    public const int MaxVerifiedPack = 8 * 1024 * 1024;
    private const int MaxCommands = 10_000;
    private const string Zero = "0000000000000000000000000000000000000000";

    public static async Task<IResult?> InspectAsync(HttpContext context, string repoPath, CancellationToken ct)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
        var request = context.Request;
        var body = request.Body;
        if (request.Headers.ContentEncoding.ToString() is "gzip" or "x-gzip")
        {
            body = new GZipStream(body, CompressionMode.Decompress);
            request.Headers.Remove("Content-Encoding");
        }
        var seen = new MemoryStream();
        try
        {
            var error = await CheckAsync(body, seen, repoPath, ct);
            seen.Position = 0;
            request.Body = new ReplayStream(seen, body);
            return error is null ? null : new HfError(400, "Malformed git-receive-pack request: " + error);
        }
        catch (InvalidDataException e)
        {
            return new HfError(400, "Malformed git-receive-pack request: the gzip body is corrupt (" + e.Message + ").");
        }
    }

    private static async Task<string?> CheckAsync(Stream body, MemoryStream seen, string repoPath, CancellationToken ct)
    {
        var commands = 0;
        var needsPack = false;
        var pushOptions = false;
        while (true)
        {
            var (line, error) = await ReadPktLineAsync(body, seen, ct);
            if (error is not null) return error;
            if (line is null) break; // flush
            if (seen.Length > MaxCommandBytes) return $"the command list is longer than {MaxCommandBytes} bytes.";
            var text = Encoding.UTF8.GetString(line).TrimEnd('\n');
            if (commands == 0)
            {
                var nul = text.IndexOf('\0', StringComparison.Ordinal);
                if (nul >= 0)
                {
                    pushOptions = text[(nul + 1)..].Split(' ').Contains("push-options");
                    text = text[..nul];
                }
            }
            if (text.StartsWith("shallow ", StringComparison.Ordinal) && commands == 0)
            {
                if (!IsObjectId(text[8..])) return $"'{Printable(text)}' is not a shallow line.";
                continue;
            }
            if (text.StartsWith("push-cert", StringComparison.Ordinal)) return "signed pushes are not supported.";
            if (text.Split(' ') is not [var oldId, var newId, var refName]) return $"'{Printable(text)}' is not a ref update (old-id new-id ref).";
            if (!IsObjectId(oldId) || !IsObjectId(newId)) return $"'{Printable(text)}' does not have two 40-hex object ids.";
            if (!refName.StartsWith("refs/", StringComparison.Ordinal) || refName.Length > 1024 || refName.Any(c => c <= ' ' || c == 0x7f))
                return $"'{Printable(refName)}' is not a ref name under refs/.";
            needsPack |= newId != Zero;
            if (++commands > MaxCommands) return $"more than {MaxCommands} ref updates.";
        }
        // git probes with a bare flush packet ("0000") before streaming a push larger than http.postBuffer.
        if (commands == 0) return seen.Length == 4 && await body.ReadAsync(new byte[1], ct) == 0 ? null : "no ref updates before the flush packet.";
        if (pushOptions)
        {
            while (true)
            {
                var (line, error) = await ReadPktLineAsync(body, seen, ct);
                if (error is not null) return error;
                if (line is null) break;
                if (seen.Length > MaxCommandBytes) return $"the push options are longer than {MaxCommandBytes} bytes.";
            }
        }
        return needsPack ? await CheckPackAsync(body, seen, repoPath, ct) : null;
    }

    private static async Task<string?> CheckPackAsync(Stream body, MemoryStream seen, string repoPath, CancellationToken ct)
    {
        var packStart = seen.Length;
        var header = new byte[12];
        var read = await body.ReadAtLeastAsync(header, 12, throwOnEndOfStream: false, ct);
        seen.Write(header, 0, read);
        if (read < 12) return "the pack is missing or truncated (no complete pack header).";
        if (header[0] != 'P' || header[1] != 'A' || header[2] != 'C' || header[3] != 'K') return "the data after the commands is not a pack (no PACK signature).";
        var version = (header[4] << 24) | (header[5] << 16) | (header[6] << 8) | header[7];
        if (version is not (2 or 3)) return $"pack version {version.ToString(CultureInfo.InvariantCulture)} is not supported.";
        var count = ((uint)header[8] << 24) | ((uint)header[9] << 16) | ((uint)header[10] << 8) | header[11];
        if (count > 100_000_000) return "the pack claims an impossible number of objects.";
        // Read on up to the verification limit: a small pack is checked whole against its trailing SHA-1.
        var buffer = new byte[64 * 1024];
        while (seen.Length - packStart <= MaxVerifiedPack)
        {
            var n = await body.ReadAsync(buffer, ct);
            if (n == 0)
            {
                var pack = new ReadOnlySpan<byte>(seen.GetBuffer(), (int)packStart, (int)(seen.Length - packStart));
                if (pack.Length < 32) return "the pack is truncated (no checksum).";
#pragma warning disable CA5350 // git packs end with a SHA-1 of their content
                var digest = SHA1.HashData(pack[..^20]);
#pragma warning restore CA5350
                if (!digest.AsSpan().SequenceEqual(pack[^20..])) return "the pack is truncated or corrupt (its checksum does not match).";
                return await IndexAsync(seen.GetBuffer().AsMemory((int)packStart, (int)(seen.Length - packStart)), repoPath, ct);
            }
            seen.Write(buffer, 0, n);
        }
        return null;
    }

    /// <summary>Indexes the pack in a scratch object directory; git's complaint when it is not a valid pack.</summary>
    private static async Task<string?> IndexAsync(ReadOnlyMemory<byte> pack, string repoPath, CancellationToken ct)
    {
        var scratch = Directory.CreateTempSubdirectory("hub-pack-check-");
        try
        {
            Directory.CreateDirectory(Path.Combine(scratch.FullName, "pack"));
            var start = new System.Diagnostics.ProcessStartInfo("git") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = repoPath };
            foreach (var arg in new[] { "index-pack", "--stdin", "--fix-thin", "--strict" }) start.ArgumentList.Add(arg);
            start.Environment["GIT_DIR"] = repoPath;
            start.Environment["GIT_OBJECT_DIRECTORY"] = scratch.FullName;
            start.Environment["GIT_ALTERNATE_OBJECT_DIRECTORIES"] = Path.Combine(repoPath, "objects");
            start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
            using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException("git could not be started.");
            var stdout = process.StandardOutput.ReadToEndAsync(ct);
            var stderr = process.StandardError.ReadToEndAsync(ct);
            try
            {
                await process.StandardInput.BaseStream.WriteAsync(pack, ct);
                await process.StandardInput.BaseStream.FlushAsync(ct);
            }
            catch (IOException)
            {
                // git stopped reading: its error says why.
            }
            process.StandardInput.Close();
            await process.WaitForExitAsync(ct);
            await stdout;
            var error = (await stderr).Trim();
            return process.ExitCode == 0 ? null : $"the pack is not valid ({Printable(error.Replace('\n', ' '))}).";
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    /// <summary>One pkt-line payload, or null for a flush packet; an error text for anything malformed.</summary>
    private static async Task<(byte[]? Line, string? Error)> ReadPktLineAsync(Stream body, MemoryStream seen, CancellationToken ct)
    {
        var lengthBytes = new byte[4];
        var read = await body.ReadAtLeastAsync(lengthBytes, 4, throwOnEndOfStream: false, ct);
        seen.Write(lengthBytes, 0, read);
        if (read < 4) return (null, "the body ends before the flush packet (0000).");
        var hex = Encoding.ASCII.GetString(lengthBytes);
        if (!int.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var length) || hex.Any(c => !Uri.IsHexDigit(c)))
            return (null, $"'{Printable(hex)}' is not a pkt-line length.");
        if (length == 0) return (null, null);
        if (length < 5 || length > 65520) return (null, $"pkt-line length {hex} is invalid.");
        var payload = new byte[length - 4];
        read = await body.ReadAtLeastAsync(payload, payload.Length, throwOnEndOfStream: false, ct);
        seen.Write(payload, 0, read);
        return read < payload.Length ? (null, "a pkt-line is truncated.") : (payload, null);
    }

    private static bool IsObjectId(string value) => value.Length == 40 && value.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    private static string Printable(string value) => new([.. value.Take(120).Select(c => c is >= ' ' and <= '~' ? c : '?')]);

    /// <summary>What the guard read, then the rest of the request body.</summary>
    private sealed class ReplayStream(MemoryStream head, Stream rest) : Stream
    {
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = head.Read(buffer, offset, count);
            return n > 0 ? n : rest.Read(buffer, offset, count);
        }

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var n = head.Read(buffer.Span);
            return n > 0 ? n : await rest.ReadAsync(buffer, cancellationToken);
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
