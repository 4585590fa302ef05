using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Archives: member names and link targets that escape the extraction folder (absolute paths, drive letters,
/// <c>..</c>), and the pickles inside — PyTorch's zip format keeps its object graph in <c>*/data.pkl</c>; NumPy's
/// <c>.npz</c> holds <c>.npy</c> members that may carry object arrays (pickles). Nested archives are opened a few levels
/// deep, in memory and only when small.
/// </summary>
public static class ArchiveScanner
{
    private const int MaxDepth = 3;
    private const long MaxNestedBytes = 64L * 1024 * 1024;
    private const int MaxMembers = 100_000;

    /// <summary>Scans a zip (the stream must be seekable).</summary>
    public static void ScanZip(Stream stream, string where, ScanFindings findings, ref long budget, int depth = 0)
    {
        using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
        var count = 0;
        foreach (var entry in zip.Entries)
        {
            if (++count > MaxMembers) { findings.Caution.Add($"{where}: more than {MaxMembers} members; the rest were not checked"); return; }
            var name = entry.FullName;
            if (Escapes(name) is { } problem) findings.Unsafe.Add($"{where}: member '{Printable(name)}' {problem}");
            var isSymlink = ((entry.ExternalAttributes >> 16) & 0xF000) == 0xA000;
            if (isSymlink)
            {
                if (entry.Length > 4096) { findings.Unsafe.Add($"{where}: symbolic link '{Printable(name)}' has an oversized target"); continue; }
                using var target = new StreamReader(entry.Open(), Encoding.UTF8);
                if (LinkEscapes(name, target.ReadToEnd()) is { } linkProblem) findings.Unsafe.Add($"{where}: symbolic link '{Printable(name)}' {linkProblem}");
                continue;
            }
            ScanMember(name, entry.Length, entry.Open, $"{where}:{name}", findings, ref budget, depth);
        }
    }

    /// <summary>Scans a tar, gzip-compressed when <paramref name="gzip"/>.</summary>
    public static void ScanTar(Stream stream, bool gzip, string where, ScanFindings findings, ref long budget)
    {
        using var source = gzip ? new GZipStream(stream, CompressionMode.Decompress, leaveOpen: true) : null;
        var counted = new CountingStream(source ?? stream);
        using var tar = new TarReader(counted, leaveOpen: true);
        var count = 0;
        while (true)
        {
            if (counted.Count > budget) throw new ScanLimitException(budget);
            var entry = tar.GetNextEntry();
            if (entry is null) break;
            if (++count > MaxMembers) { findings.Caution.Add($"{where}: more than {MaxMembers} members; the rest were not checked"); return; }
            var name = entry.Name;
            if (Escapes(name) is { } problem) findings.Unsafe.Add($"{where}: member '{Printable(name)}' {problem}");
            if (entry.EntryType is TarEntryType.SymbolicLink or TarEntryType.HardLink)
            {
                var link = entry.EntryType == TarEntryType.HardLink ? Escapes(entry.LinkName) : LinkEscapes(name, entry.LinkName);
                if (link is not null) findings.Unsafe.Add($"{where}: link '{Printable(name)}' -> '{Printable(entry.LinkName)}' {link}");
                continue;
            }
            if (entry.EntryType is not (TarEntryType.RegularFile or TarEntryType.V7RegularFile) || entry.DataStream is null) continue;
            var remaining = budget - counted.Count;
            var data = entry.DataStream;
            ScanMember(name, entry.Length, () => data, $"{where}:{name}", findings, ref remaining, MaxDepth);
        }
        budget -= counted.Count;
    }

    /// <summary>A pickle, a nested archive or an object array inside an archive.</summary>
    private static void ScanMember(string name, long length, Func<Stream> open, string where, ScanFindings findings, ref long budget, int depth)
    {
        var kind = FileScanner.KindOf(name);
        if (kind is ScanKind.None or ScanKind.Onnx) return;
        if (kind is ScanKind.Zip or ScanKind.MaybePickle && depth < MaxDepth && length <= Math.Min(MaxNestedBytes, budget))
        {
            using var member = open();
            var copy = new MemoryStream();
            member.CopyTo(copy);
            budget -= copy.Length;
            copy.Position = 0;
            if (FileScanner.IsZip(copy))
            {
                ScanZip(copy, where, findings, ref budget, depth + 1);
                return;
            }
            copy.Position = 0;
            FileScanner.ScanStream(kind, copy, where, findings, ref budget);
            return;
        }
        if (kind is ScanKind.Zip or ScanKind.Tar or ScanKind.TarGz)
        {
            findings.Caution.Add($"{where}: a nested archive too large or too deep to open");
            return;
        }
        using var stream = open();
        FileScanner.ScanStream(kind, stream, where, findings, ref budget);
    }

    /// <summary>Why a member name escapes the folder an archive is extracted to; null when it stays inside.</summary>
    public static string? Escapes(string name)
    {
        if (name.Contains('\0', StringComparison.Ordinal)) return "has a NUL character";
        var normalized = name.Replace('\\', '/');
        if (normalized.StartsWith('/')) return "is an absolute path";
        if (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':') return "names a drive";
        var depth = 0;
        foreach (var part in normalized.Split('/'))
        {
            if (part is "" or ".") continue;
            if (part == "..")
            {
                if (--depth < 0) return "climbs out of the extraction folder with '..'";
                continue;
            }
            depth++;
        }
        return null;
    }

    private static string? LinkEscapes(string memberName, string target)
    {
        var normalized = target.Replace('\\', '/');
        if (normalized.StartsWith('/') || (normalized.Length >= 2 && char.IsAsciiLetter(normalized[0]) && normalized[1] == ':'))
            return "points to an absolute path";
        var folder = memberName.Replace('\\', '/');
        var slash = folder.LastIndexOf('/');
        return Escapes((slash < 0 ? "" : folder[..(slash + 1)]) + normalized) is null ? null : "points outside the extraction folder";
    }

    private static string Printable(string value) => new([.. value.Take(200).Select(c => char.IsControl(c) ? '?' : c)]);

    /// <summary>Counts what a forward-only reader consumed (tar has no other way to bound the work).</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Count { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => Count; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            Count += n;
            return n;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
