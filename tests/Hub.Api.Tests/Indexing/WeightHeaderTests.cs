using System.Text.Json.Nodes;
using Hub.Api.Features.Files;
using Hub.Api.Features.Indexing.Files;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Indexing;

/// <summary>The weight header readers read headers only: big tensor data is never fetched, also from S3.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class WeightHeaderTests(ProductionHub hub)
{
    private static readonly CancellationToken Ct = CancellationToken.None;

    private static IndexedFile InMemory(string path, byte[] bytes) =>
        new(path, bytes.Length, (offset, count, _) => Task.FromResult(bytes.AsSpan((int)offset, count).ToArray()));

    [Fact]
    public async Task Safetensors_header_of_a_large_file_costs_one_small_read()
    {
        var file = InMemory("big.safetensors", ModelFiles.Safetensors([("w", "F32", [1024, 1024]), ("b", "BF16", [7])]));

        var counts = await SafetensorsHeader.CountAsync(file, Ct);

        Assert.Equal(new Dictionary<string, long> { ["BF16"] = 7, ["F32"] = 1024 * 1024 }, counts);
        Assert.True(file.Length > 4_000_000);
        Assert.Equal(64 * 1024, file.BytesRead);
    }

    [Fact]
    public async Task Onnx_initializers_are_skipped_not_read()
    {
        var file = InMemory("model.onnx", ModelFiles.Onnx(weightBytes: 8 * 1024 * 1024));

        var model = await OnnxModelInfo.ReadAsync(file, Ct);

        Assert.Equal(["input_ids", "mask"], model["inputs"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal(17, model["opset"]!["ai.onnx"]!.GetValue<long>());
        Assert.True(file.BytesRead <= 2 * 64 * 1024, $"read {file.BytesRead} bytes of {file.Length}");
    }

    [Fact]
    public async Task Gguf_header_gives_architecture_quantization_and_parameter_count()
    {
        var file = InMemory("m.gguf", ModelFiles.Gguf(dataBytes: 1024 * 1024));

        var header = await GgufHeader.ReadAsync(file, Ct);

        JsonEqual("""{"path":"m.gguf","architecture":"llama","context_length":4096,"file_type":15,"quantization":"Q4_K_M","total":40}""", header);
        Assert.Equal(64 * 1024, file.BytesRead);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3 })]
    [InlineData(new byte[] { 255, 255, 255, 255, 255, 255, 255, 127, 0, 0 })]
    [InlineData(new byte[] { 4, 0, 0, 0, 0, 0, 0, 0, (byte)'[', (byte)'1', (byte)']', (byte)' ' })]
    public async Task Malformed_headers_are_reported_as_invalid_data(byte[] bytes)
    {
        await Assert.ThrowsAsync<InvalidDataException>(() => SafetensorsHeader.CountAsync(InMemory("bad.safetensors", bytes), Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => OnnxModelInfo.ReadAsync(InMemory("bad.onnx", bytes), Ct));
        await Assert.ThrowsAsync<InvalidDataException>(() => GgufHeader.ReadAsync(InMemory("bad.gguf", bytes), Ct));
    }

    [Fact]
    public async Task Sharded_safetensors_in_s3_are_indexed_from_ranged_reads_of_the_headers()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "s" + Guid.NewGuid().ToString("N")[..12]);
        var shards = Enumerable.Range(1, 3).ToDictionary(
            i => $"model-0000{i}-of-00003.safetensors",
            i => ModelFiles.Safetensors([($"t{i}", "F32", [256, 1024])]));
        var weightMap = new JsonObject(shards.Keys.Select((k, i) => KeyValuePair.Create($"t{i + 1}", (JsonNode?)k)));
        var files = new Dictionary<string, byte[]>(shards) { ["model.safetensors.index.json"] = Text(new JsonObject { ["weight_map"] = weightMap }.ToJsonString()) };
        var sha = await CommitAsync(client, repo, "shards", files, shards.Keys.ToHashSet());

        var info = await GetJsonAsync(hub.Client(), $"api/models/{repo}");
        JsonEqual("""{"parameters":{"F32":786432},"total":786432}""", info["safetensors"]);

        // The same reads, observed: one 64 KiB window per 1 MiB shard, through the S3 blob store.
        var repoId = info["_id"]!.GetValue<string>();
        var git = hub.Services.GetRequiredService<IGitRepositoryStore>();
        var describe = hub.Services.GetRequiredService<RepoFiles>();
        var source = hub.Services.GetRequiredService<IndexedFileSource>();
        long read = 0, total = 0;
        foreach (var path in shards.Keys)
        {
            var entry = await describe.DescribeAsync(repoId, (await git.GetEntryAsync(repoId, sha, path, Ct))!, Ct);
            Assert.NotNull(entry.Lfs);
            var file = source.Open(repoId, entry);
            await SafetensorsHeader.CountAsync(file, Ct);
            read += file.BytesRead;
            total += file.Length;
        }
        Assert.Equal(3 * 64 * 1024, read);
        Assert.True(total > 3_000_000);
    }
}
