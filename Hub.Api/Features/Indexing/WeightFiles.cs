using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Hub.Api.Features.Files;
using Hub.Api.Features.Indexing.Files;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// Reads the headers of a revision's weight files — safetensors (single or sharded), ONNX, GGUF — through
/// <see cref="IndexedFileSource"/>, never their tensor data. A file that cannot be read becomes an error line, never an
/// exception: indexing must not fail a commit.
/// </summary>
public sealed class WeightFiles(IndexedFileSource source, ILogger<WeightFiles> logger)
{
    private const int MaxShards = 512;
    private const int MaxOnnx = 4;
    private const int MaxGguf = 8;
    private const int Parallel = 4;

    public sealed record Result(JsonObject? Safetensors, JsonArray? Onnx, JsonObject? Gguf, IReadOnlyList<string> Errors, long BytesRead);

    /// <param name="shardIndex">model.safetensors.index.json when present.</param>
    public async Task<Result> ReadAsync(string repoId, IReadOnlyList<RepoFileEntry> files, JsonObject? shardIndex, CancellationToken ct)
    {
        var errors = new ConcurrentBag<string>();
        long bytes = 0;
        var byPath = files.ToDictionary(f => f.Entry.Path, StringComparer.Ordinal);

        async Task<T?> Read<T>(RepoFileEntry file, Func<IndexedFile, Task<T>> read) where T : class
        {
            var opened = source.Open(repoId, file);
            try
            {
                return await read(opened);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogInformation("Indexing {Path} of {RepoId} failed: {Error}", file.Entry.Path, repoId, e.Message);
                errors.Add(e is InvalidDataException ? e.Message : $"{file.Entry.Path}: could not be read ({e.GetType().Name}).");
                return null;
            }
            finally
            {
                Interlocked.Add(ref bytes, opened.BytesRead);
            }
        }

        // Safetensors: the shards the index names, else model.safetensors, else every root-level .safetensors file.
        var shards = SafetensorsFiles(files, byPath, shardIndex);
        var counts = new IReadOnlyDictionary<string, long>?[shards.Count];
        await System.Threading.Tasks.Parallel.ForEachAsync(Enumerable.Range(0, shards.Count), new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = ct },
            async (i, token) => counts[i] = await Read(shards[i], f => SafetensorsHeader.CountAsync(f, token)));
        JsonObject? safetensors = null;
        if (counts.Any(c => c is not null))
        {
            var parameters = new SortedDictionary<string, long>(StringComparer.Ordinal);
            foreach (var (dtype, n) in counts.OfType<IReadOnlyDictionary<string, long>>().SelectMany(c => c))
                parameters[dtype] = parameters.GetValueOrDefault(dtype) + n;
            safetensors = new JsonObject
            {
                ["parameters"] = new JsonObject(parameters.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))),
                ["total"] = parameters.Values.Sum(),
            };
        }

        JsonArray? onnx = null;
        foreach (var file in OnnxFiles(files))
        {
            if (await Read(file, f => OnnxModelInfo.ReadAsync(f, ct)) is { } model) (onnx ??= []).Add(model);
        }

        JsonObject? gguf = null;
        foreach (var file in files.Where(f => f.Entry.Path.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase)).Take(MaxGguf))
        {
            if (await Read(file, f => GgufHeader.ReadAsync(f, ct)) is not { } header) continue;
            gguf ??= new JsonObject { ["architecture"] = header["architecture"]?.DeepClone(), ["files"] = new JsonArray() };
            if (header["context_length"] is { } context && gguf["context_length"] is null) gguf["context_length"] = context.DeepClone();
            if (gguf["total"] is null) gguf["total"] = header["total"]?.DeepClone();
            gguf["files"]!.AsArray().Add(header);
        }
        return new Result(safetensors, onnx, gguf, errors.Order(StringComparer.Ordinal).ToList(), bytes);
    }

    private static List<RepoFileEntry> SafetensorsFiles(IReadOnlyList<RepoFileEntry> files, Dictionary<string, RepoFileEntry> byPath, JsonObject? shardIndex)
    {
        if (shardIndex?["weight_map"] is JsonObject map)
        {
            return map.Select(kv => kv.Value is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.String ? v.GetValue<string>() : null)
                .OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)
                .Select(p => byPath.GetValueOrDefault(p)).OfType<RepoFileEntry>().Take(MaxShards).ToList();
        }
        if (byPath.TryGetValue("model.safetensors", out var single)) return [single];
        return files.Where(f => !f.Entry.Path.Contains('/', StringComparison.Ordinal) && f.Entry.Path.EndsWith(".safetensors", StringComparison.Ordinal))
            .Take(MaxShards).ToList();
    }

    /// <summary>model.onnx at the root, else onnx/model.onnx (transformers.js layout), else the first .onnx files by path.</summary>
    private static IEnumerable<RepoFileEntry> OnnxFiles(IReadOnlyList<RepoFileEntry> files)
    {
        var all = files.Where(f => f.Entry.Path.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase)).ToList();
        var preferred = all.FirstOrDefault(f => f.Entry.Path == "model.onnx") ?? all.FirstOrDefault(f => f.Entry.Path == "onnx/model.onnx");
        return preferred is not null ? [preferred] : all.Take(MaxOnnx);
    }
}
