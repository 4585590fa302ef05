using System.Buffers.Binary;
using System.Text.Json;

namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// Reads only the header of a .safetensors file (an 8-byte little-endian length, then that many bytes of JSON naming
/// each tensor's dtype and shape) and counts parameters per dtype. The tensor bytes are never read.
/// </summary>
public static class SafetensorsHeader
{
    /// <summary>The format's own limit on the header size.</summary>
    public const int MaxHeaderBytes = 100 * 1024 * 1024;

    /// <summary>Parameters per dtype (<c>F32</c>, <c>BF16</c>…) of one file. Throws <see cref="InvalidDataException"/> for a malformed header.</summary>
    public static async Task<IReadOnlyDictionary<string, long>> CountAsync(IndexedFile file, CancellationToken cancellationToken)
    {
        if (file.Length < 8)
            throw new InvalidDataException($"{file.Path}: too short to be a safetensors file.");
        var length = BinaryPrimitives.ReadUInt64LittleEndian(await file.ReadAsync(0, 8, cancellationToken));
        if (length < 2 || length > MaxHeaderBytes || (long)length > file.Length - 8)
            throw new InvalidDataException($"{file.Path}: the safetensors header length {length} is not plausible.");
        var json = await file.ReadAsync(8, (int)length, cancellationToken);
        return Count(file.Path, json);
    }

    public static IReadOnlyDictionary<string, long> Count(string path, ReadOnlySpan<byte> headerJson)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        try
        {
            using var doc = JsonDocument.Parse(headerJson.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
                throw new InvalidDataException($"{path}: the safetensors header is not a JSON object.");
            foreach (var tensor in doc.RootElement.EnumerateObject())
            {
                if (tensor.Name == "__metadata__") continue;
                if (tensor.Value.ValueKind != JsonValueKind.Object
                    || !tensor.Value.TryGetProperty("dtype", out var dtype) || dtype.ValueKind != JsonValueKind.String
                    || !tensor.Value.TryGetProperty("shape", out var shape) || shape.ValueKind != JsonValueKind.Array)
                    throw new InvalidDataException($"{path}: tensor '{tensor.Name}' has no dtype or shape.");
                long count = 1;
                foreach (var dim in shape.EnumerateArray())
                {
                    if (!dim.TryGetInt64(out var d) || d < 0)
                        throw new InvalidDataException($"{path}: tensor '{tensor.Name}' has a bad dimension.");
                    count = checked(count * d);
                }
                var key = dtype.GetString()!;
                counts[key] = checked(counts.GetValueOrDefault(key) + count);
            }
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: the safetensors header is not valid JSON ({e.Message}).", e);
        }
        catch (OverflowException e)
        {
            throw new InvalidDataException($"{path}: parameter counts overflow.", e);
        }
        return counts;
    }
}
