using System.Text;
using System.Text.Json;

namespace Hub.Api.Features.Commits;

/// <summary>
/// Parses the NDJSON commit body line by line from the request stream. Every malformed line is reported with its line
/// number; nothing is written until the whole body parsed.
/// </summary>
public static class NdjsonCommitReader
{
    /// <summary>Regular (non-LFS) files above this are refused: the HF rule is that large files go through LFS.</summary>
    public const int MaxRegularFileBytes = 10 * 1024 * 1024;

    public const int MaxLineBytes = 16 * 1024 * 1024;

    public const int MaxOperations = 25_000;

    public sealed class CommitFormatException(string message) : Exception(message);

    public static async Task<(CommitHeader Header, IReadOnlyList<CommitOperation> Operations)> ReadAsync(Stream body, CancellationToken ct)
    {
        using var reader = new StreamReader(body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, bufferSize: 1 << 16);
        CommitHeader? header = null;
        var operations = new List<CommitOperation>();
        var lineNumber = 0;
        while (await ReadLineAsync(reader, ct) is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (operations.Count >= MaxOperations) throw new CommitFormatException($"A commit has at most {MaxOperations} operations.");
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(line);
            }
            catch (JsonException e)
            {
                throw new CommitFormatException($"Line {lineNumber} is not valid JSON: {e.Message}");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("key", out var key) || key.ValueKind != JsonValueKind.String
                    || !root.TryGetProperty("value", out var value) || value.ValueKind != JsonValueKind.Object)
                    throw new CommitFormatException($"Line {lineNumber} must be an object with a string \"key\" and an object \"value\".");
                var kind = key.GetString();
                if (header is null && kind != "header") throw new CommitFormatException("The first line must be the header ({\"key\": \"header\", ...}).");
                switch (kind)
                {
                    case "header" when header is null:
                        header = new CommitHeader(String(value, "summary", lineNumber, required: false) ?? "", String(value, "description", lineNumber, required: false) ?? "", String(value, "parentCommit", lineNumber, required: false));
                        break;
                    case "header":
                        throw new CommitFormatException($"Line {lineNumber}: only one header is allowed.");
                    case "file":
                        operations.Add(new CommitFile(String(value, "path", lineNumber)!, Content(value, lineNumber)));
                        break;
                    case "lfsFile":
                        var algo = String(value, "algo", lineNumber, required: false);
                        if (algo is not (null or "sha256")) throw new CommitFormatException($"Line {lineNumber}: algo must be sha256.");
                        long? size = null;
                        if (value.TryGetProperty("size", out var sizeElement) && sizeElement.ValueKind != JsonValueKind.Null)
                        {
                            if (sizeElement.ValueKind != JsonValueKind.Number || !sizeElement.TryGetInt64(out var n) || n < 0)
                                throw new CommitFormatException($"Line {lineNumber}: size must be a non-negative integer.");
                            size = n;
                        }
                        operations.Add(new CommitLfsFile(String(value, "path", lineNumber)!, String(value, "oid", lineNumber)!, size));
                        break;
                    case "deletedFile":
                        operations.Add(new CommitDeletedFile(String(value, "path", lineNumber)!));
                        break;
                    case "deletedFolder":
                        operations.Add(new CommitDeletedFolder(String(value, "path", lineNumber)!.TrimEnd('/')));
                        break;
                    default:
                        throw new CommitFormatException($"Line {lineNumber}: unknown key \"{kind}\" (expected header, file, lfsFile, deletedFile or deletedFolder).");
                }
            }
        }
        if (header is null) throw new CommitFormatException("The body is empty: a commit needs a header line.");
        return (header, operations);
    }

    private static async Task<string?> ReadLineAsync(StreamReader reader, CancellationToken ct)
    {
        var line = await reader.ReadLineAsync(ct);
        return line is { Length: > MaxLineBytes } ? throw new CommitFormatException($"A line is longer than {MaxLineBytes} bytes.") : line;
    }

    private static string? String(JsonElement value, string name, int line, bool required = true)
    {
        if (!value.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null)
            return required ? throw new CommitFormatException($"Line {line}: \"{name}\" is required.") : null;
        if (element.ValueKind != JsonValueKind.String) throw new CommitFormatException($"Line {line}: \"{name}\" must be a string.");
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            // An escaped unpaired surrogate ("\ud800") is valid JSON but not text.
            throw new CommitFormatException($"Line {line}: \"{name}\" is not valid Unicode.");
        }
    }

    private static byte[] Content(JsonElement value, int line)
    {
        var content = String(value, "content", line)!;
        var encoding = String(value, "encoding", line, required: false) ?? "base64";
        byte[] bytes;
        if (encoding == "base64")
        {
            try { bytes = Convert.FromBase64String(content); }
            catch (FormatException) { throw new CommitFormatException($"Line {line}: content is not valid base64."); }
        }
        else if (encoding is "utf-8" or "utf8") bytes = Encoding.UTF8.GetBytes(content);
        else throw new CommitFormatException($"Line {line}: encoding must be base64 or utf-8.");
        return bytes.Length > MaxRegularFileBytes
            ? throw new CommitFormatException($"Line {line}: {String(value, "path", line)} has {bytes.Length} bytes; regular files are limited to {MaxRegularFileBytes} bytes. Upload it as an LFS file.")
            : bytes;
    }
}
