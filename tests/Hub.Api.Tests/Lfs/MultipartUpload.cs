using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Lfs;

/// <summary>A multipart upload driven the way the HF clients drive it: batch API, part PUTs without auth, completion.</summary>
public sealed class MultipartUpload
{
    private static readonly HttpClient Plain = new() { Timeout = TimeSpan.FromMinutes(5) };

    private MultipartUpload(byte[] data, string completeUrl, Dictionary<int, string> partUrls, long chunkSize, int[] storedParts)
    {
        Data = data;
        CompleteUrl = completeUrl;
        PartUrls = partUrls;
        ChunkSize = chunkSize;
        StoredParts = storedParts;
    }

    public byte[] Data { get; }

    public string Oid => HubApi.Sha256(Data);

    public string CompleteUrl { get; }

    public IReadOnlyDictionary<int, string> PartUrls { get; }

    public long ChunkSize { get; }

    /// <summary>Parts the hub says it already holds (the resume extension).</summary>
    public IReadOnlyList<int> StoredParts { get; }

    /// <summary>Asks the batch API to upload <paramref name="data"/> (announced with its own oid and size).</summary>
    public static async Task<MultipartUpload> StartAsync(HttpClient client, string repo, byte[] data)
    {
        var body = JsonSerializer.Serialize(new
        {
            operation = "upload",
            transfers = new[] { "basic", "multipart" },
            hash_algo = "sha256",
            objects = new[] { new { oid = HubApi.Sha256(data), size = data.Length } },
        });
        var response = await client.PostAsync($"{repo}.git/info/lfs/objects/batch", new StringContent(body, Encoding.UTF8, "application/vnd.git-lfs+json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        var entry = JsonNode.Parse(text)!["objects"]![0]!;
        var upload = entry["actions"]!["upload"]!;
        var header = upload["header"]!.AsObject();
        var parts = new Dictionary<int, string>();
        foreach (var (name, value) in header)
        {
            if (name != "chunk_size") parts[int.Parse(name, CultureInfo.InvariantCulture)] = value!.GetValue<string>();
        }
        var stored = entry["uploadedParts"]!.AsArray().Select(p => p!["partNumber"]!.GetValue<int>()).ToArray();
        return new MultipartUpload(data, upload["href"]!.GetValue<string>(), parts,
            long.Parse(header["chunk_size"]!.GetValue<string>(), CultureInfo.InvariantCulture), stored);
    }

    /// <summary>The bytes of part <paramref name="part"/> (1-based) of <see cref="Data"/>.</summary>
    public byte[] Bytes(int part)
    {
        var offset = (int)((part - 1) * ChunkSize);
        return Data[offset..(int)Math.Min(Data.Length, offset + ChunkSize)];
    }

    public Task PutAsync(int part) => PutAsync(part, Bytes(part));

    public async Task PutAsync(int part, byte[] bytes)
    {
        using var response = await Plain.PutAsync(PartUrls[part], new ByteArrayContent(bytes));
        Assert.True(response.IsSuccessStatusCode, $"part {part}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Sends the first half of a part, then (once <paramref name="die"/> completes) drops the connection: a client killed mid-part.</summary>
    public async Task PutInterruptedAsync(int part, Task? die = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Put, PartUrls[part]) { Content = new HalfThenFailContent(Bytes(part), die ?? Task.CompletedTask) };
        await Assert.ThrowsAnyAsync<HttpRequestException>(() => Plain.SendAsync(request));
    }

    public async Task<HttpResponseMessage> CompleteAsync() =>
        await Plain.PostAsync(CompleteUrl, new StringContent(JsonSerializer.Serialize(new { oid = Oid, parts = Array.Empty<object>() }), Encoding.UTF8, "application/vnd.git-lfs+json"));

    private sealed class HalfThenFailContent(byte[] bytes, Task die) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(bytes.AsMemory(0, bytes.Length / 2));
            await stream.FlushAsync();
            await die;
            throw new IOException("The client died half-way through the part.");
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
