using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// The header of a GGUF file (v2/v3): metadata key/values, then tensor descriptions. Gives the architecture, the
/// quantization (<c>general.file_type</c>), the context length and the parameter count; tensor data is never read.
/// </summary>
public static class GgufHeader
{
    /// <summary>Reading stops with an error past this many header bytes (vocabularies make headers a few MB).</summary>
    public const long MaxHeaderBytes = 64L * 1024 * 1024;

    private const uint Magic = 0x46554747; // "GGUF" little-endian

    /// <summary>llama.cpp's <c>llama_ftype</c> names (llama.h), by <c>general.file_type</c> value.</summary>
    private static readonly Dictionary<uint, string> FileTypes = new()
    {
        [0] = "F32", [1] = "F16", [2] = "Q4_0", [3] = "Q4_1", [4] = "Q4_1_SOME_F16", [7] = "Q8_0", [8] = "Q5_0", [9] = "Q5_1",
        [10] = "Q2_K", [11] = "Q3_K_S", [12] = "Q3_K_M", [13] = "Q3_K_L", [14] = "Q4_K_S", [15] = "Q4_K_M", [16] = "Q5_K_S",
        [17] = "Q5_K_M", [18] = "Q6_K", [19] = "IQ2_XXS", [20] = "IQ2_XS", [21] = "Q2_K_S", [22] = "IQ3_XS", [23] = "IQ3_XXS",
        [24] = "IQ1_S", [25] = "IQ4_NL", [26] = "IQ3_S", [27] = "IQ3_M", [28] = "IQ2_S", [29] = "IQ2_M", [30] = "IQ4_XS",
        [31] = "IQ1_M", [32] = "BF16", [36] = "TQ1_0", [37] = "TQ2_0", [38] = "MXFP4_MOE",
    };

    /// <summary>Byte sizes of the fixed-size value types (index = GGUF type id; 0 for string/array).</summary>
    private static readonly int[] FixedSizes = [1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8];

    public static async Task<JsonObject> ReadAsync(IndexedFile file, CancellationToken ct)
    {
        var r = new Cursor(file);
        if (await r.U32Async(ct) != Magic) throw new InvalidDataException($"{file.Path}: not a GGUF file.");
        var version = await r.U32Async(ct);
        if (version is < 2 or > 3) throw new InvalidDataException($"{file.Path}: GGUF version {version} is not supported (2 and 3 are).");
        var tensorCount = await r.U64Async(ct);
        var kvCount = await r.U64Async(ct);
        if (tensorCount > 1_000_000 || kvCount > 1_000_000) throw new InvalidDataException($"{file.Path}: implausible GGUF counts.");
        string? architecture = null;
        uint? fileType = null;
        var numbers = new Dictionary<string, long>(StringComparer.Ordinal);
        for (ulong i = 0; i < kvCount; i++)
        {
            var key = await r.StringAsync(ct);
            var type = await r.U32Async(ct);
            if (key == "general.architecture" && type == 8) architecture = await r.StringAsync(ct);
            else if (key == "general.file_type" && type is 4 or 5) fileType = await r.U32Async(ct);
            else if (key.EndsWith(".context_length", StringComparison.Ordinal) && type is 4 or 5) numbers[key] = await r.U32Async(ct);
            else if (key.EndsWith(".context_length", StringComparison.Ordinal) && type is 10 or 11) numbers[key] = (long)await r.U64Async(ct);
            else await r.SkipValueAsync(type, ct);
        }
        long total = 0;
        for (ulong i = 0; i < tensorCount; i++)
        {
            await r.SkipStringAsync(ct);
            var dims = await r.U32Async(ct);
            if (dims > 8) throw new InvalidDataException($"{file.Path}: a tensor with {dims} dimensions.");
            long count = 1;
            for (var d = 0; d < dims; d++) count = checked(count * (long)await r.U64Async(ct));
            total = checked(total + count);
            r.Skip(4 + 8); // ggml type, data offset
        }
        var json = new JsonObject { ["path"] = file.Path, ["architecture"] = architecture };
        if (architecture is not null && numbers.TryGetValue(architecture + ".context_length", out var context)) json["context_length"] = context;
        if (fileType is { } ft)
        {
            json["file_type"] = ft;
            json["quantization"] = FileTypes.GetValueOrDefault(ft, $"type{ft}");
        }
        json["total"] = total;
        return json;
    }

    private sealed class Cursor(IndexedFile file)
    {
        private long position;

        public async Task<uint> U32Async(CancellationToken ct) => BinaryPrimitives.ReadUInt32LittleEndian(await ReadAsync(4, ct));

        public async Task<ulong> U64Async(CancellationToken ct) => BinaryPrimitives.ReadUInt64LittleEndian(await ReadAsync(8, ct));

        public async Task<string> StringAsync(CancellationToken ct) => Encoding.UTF8.GetString(await ReadAsync(await StringLengthAsync(ct), ct));

        public async Task SkipStringAsync(CancellationToken ct) => Skip(await StringLengthAsync(ct));

        public void Skip(long count)
        {
            position += count;
            if (position > file.Length || position > MaxHeaderBytes)
                throw new InvalidDataException($"{file.Path}: the GGUF header runs past the file or past {MaxHeaderBytes} bytes.");
        }

        public async Task SkipValueAsync(uint type, CancellationToken ct)
        {
            if (type < FixedSizes.Length && FixedSizes[type] > 0) Skip(FixedSizes[type]);
            else if (type == 8) await SkipStringAsync(ct);
            else if (type == 9)
            {
                var itemType = await U32Async(ct);
                var count = await U64Async(ct);
                if (itemType < FixedSizes.Length && FixedSizes[itemType] > 0)
                    Skip(checked((long)count * FixedSizes[itemType]));
                else if (itemType == 8)
                    for (ulong i = 0; i < count; i++) await SkipStringAsync(ct);
                else
                    throw new InvalidDataException($"{file.Path}: nested GGUF arrays are not supported.");
            }
            else throw new InvalidDataException($"{file.Path}: unknown GGUF value type {type}.");
        }

        private async Task<int> StringLengthAsync(CancellationToken ct)
        {
            var length = await U64Async(ct);
            return length <= 16 * 1024 * 1024 ? (int)length : throw new InvalidDataException($"{file.Path}: a GGUF string of {length} bytes.");
        }

        private async Task<byte[]> ReadAsync(int count, CancellationToken ct)
        {
            if (position + count > MaxHeaderBytes) throw new InvalidDataException($"{file.Path}: the GGUF header is larger than {MaxHeaderBytes} bytes.");
            var bytes = await file.ReadAsync(position, count, ct);
            position += count;
            return bytes;
        }
    }
}
