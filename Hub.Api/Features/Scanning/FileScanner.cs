using System.Text;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Scans one file for unsafe content by its kind (<see cref="KindOf"/>): pickles opcode by opcode
/// (<see cref="PickleScanner"/>), PyTorch zip archives and other archives (<see cref="ArchiveScanner"/>), NumPy object
/// arrays, ONNX external data (<see cref="OnnxScanner"/>). Nothing is ever executed or unpickled; at most
/// <c>maxBytes</c> are read.
/// </summary>
public static class FileScanner
{
    public static ScanKind KindOf(string path)
    {
        var name = path[(path.LastIndexOf('/') + 1)..].ToLowerInvariant();
        if (name.EndsWith(".tar.gz", StringComparison.Ordinal) || name.EndsWith(".tgz", StringComparison.Ordinal)) return ScanKind.TarGz;
        return Path.GetExtension(name) switch
        {
            ".bin" or ".pt" or ".pth" or ".ckpt" or ".pt2" or ".mar" => ScanKind.MaybePickle,
            ".pkl" or ".pickle" or ".joblib" or ".dill" or ".sav" => ScanKind.Pickle,
            ".npy" => ScanKind.Npy,
            ".zip" or ".npz" => ScanKind.Zip,
            ".tar" => ScanKind.Tar,
            ".onnx" => ScanKind.Onnx,
            _ => ScanKind.None,
        };
    }

    public static bool IsScannable(string path) => KindOf(path) != ScanKind.None;

    /// <summary>Scans <paramref name="stream"/> (seekable for zips and ONNX; others may be forward-only).</summary>
    public static FileScanResult Scan(string path, Stream stream, long maxBytes)
    {
        var findings = new ScanFindings();
        var budget = maxBytes;
        var kind = KindOf(path);
        try
        {
            switch (kind)
            {
                case ScanKind.None:
                    break;
                case ScanKind.Onnx:
                    foreach (var issue in OnnxScanner.Scan(new ScanInput(stream, maxBytes), stream.Length, path)) findings.Unsafe.Add($"{path}: {issue}");
                    break;
                case ScanKind.Zip:
                    ArchiveScanner.ScanZip(stream, path, findings, ref budget);
                    break;
                case ScanKind.Tar or ScanKind.TarGz:
                    ArchiveScanner.ScanTar(stream, kind == ScanKind.TarGz, path, findings, ref budget);
                    break;
                default:
                    if (kind == ScanKind.MaybePickle && stream.CanSeek && IsZip(stream))
                        ArchiveScanner.ScanZip(stream, path, findings, ref budget);
                    else
                        ScanStream(kind, stream, path, findings, ref budget);
                    break;
            }
        }
        catch (ScanLimitException e)
        {
            findings.Caution.Add($"{path}: {e.Message}; the rest was not checked");
        }
        catch (Exception e) when (e is InvalidDataException or EndOfStreamException or IOException or NotSupportedException or ArgumentException or OverflowException)
        {
            findings.Caution.Add($"{path}: could not be read to the end ({e.Message})");
        }
        IReadOnlyList<JudgedImport>? imports = findings.SawPickle
            ? [.. findings.Imports.Select(i => new JudgedImport(i.Import.Module, i.Import.Name, i.Safety, i.Where))]
            : null;
        return new FileScanResult(findings.Status, imports, [.. findings.Unsafe, .. findings.Caution]);
    }

    /// <summary>A pickle, a possible pickle, or a .npy member/file.</summary>
    public static void ScanStream(ScanKind kind, Stream stream, string where, ScanFindings findings, ref long budget)
    {
        var input = new ScanInput(stream, Math.Max(0, budget));
        try
        {
            if (kind == ScanKind.Npy && !SkipToObjectArray(input)) return;
            var (imports, error) = PickleScanner.Scan(input);
            var notAPickle = error is not null && imports.Count == 0 && input.Position <= 1;
            if (notAPickle && kind == ScanKind.MaybePickle) return; // raw weights, a tokenizer model, ONNX external data...
            findings.SawPickle = true;
            findings.Add(imports, where);
            if (error is not null) findings.Caution.Add($"{where}: {error}");
        }
        finally
        {
            budget -= input.Position;
        }
    }

    public static bool IsZip(Stream stream)
    {
        var start = stream.Position;
        Span<byte> magic = stackalloc byte[4];
        var read = stream.ReadAtLeast(magic, 4, throwOnEndOfStream: false);
        stream.Position = start;
        return read == 4 && magic[0] == 'P' && magic[1] == 'K' && magic[2] == 3 && magic[3] == 4;
    }

    /// <summary>Reads a .npy header; true when an object array (a pickle) follows.</summary>
    private static bool SkipToObjectArray(ScanInput input)
    {
        var magic = input.ReadBytes(6);
        if (magic[0] != 0x93 || Encoding.ASCII.GetString(magic, 1, 5) != "NUMPY") throw new InvalidDataException("not a .npy file");
        var major = input.ReadByte();
        input.ReadByte();
        var headerLength = major == 1 ? (int)input.ReadUInt(2) : (int)input.ReadUInt(4);
        if (headerLength is < 0 or > 1024 * 1024) throw new InvalidDataException("the .npy header is too long");
        var header = Encoding.Latin1.GetString(input.ReadBytes(headerLength));
        return header.Contains("'|O'", StringComparison.Ordinal) || header.Contains("'O'", StringComparison.Ordinal) || header.Contains("object", StringComparison.Ordinal);
    }
}
