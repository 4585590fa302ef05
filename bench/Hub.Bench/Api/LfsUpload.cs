using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Bench.Api;

/// <summary>Uploads a file as the HF clients do: batch API, parts PUT to the URLs it returns (in parallel), completion.</summary>
public static class LfsUpload
{
    /// <summary>Uploads and returns how long the batch request, the parts and the completion (the hub's verification) took.</summary>
    public static async Task<(TimeSpan Batch, TimeSpan Parts, TimeSpan Completion)> UploadAsync(HttpClient http, string hubUrl, string repo, string file, string oid, long size, int parallel, CancellationToken ct)
    {
        var batchClock = System.Diagnostics.Stopwatch.StartNew();
        var request = JsonSerializer.Serialize(new { operation = "upload", transfers = new[] { "basic", "multipart" }, hash_algo = "sha256", objects = new[] { new { oid, size } } });
        using var batch = await http.PostAsync($"{hubUrl}/{repo}.git/info/lfs/objects/batch", new StringContent(request, Encoding.UTF8, "application/vnd.git-lfs+json"), ct);
        batch.EnsureSuccessStatusCode();
        var upload = JsonNode.Parse(await batch.Content.ReadAsStringAsync(ct))!["objects"]![0]!["actions"]?["upload"]
            ?? throw new InvalidOperationException("The hub already holds the object.");
        var header = upload["header"]!.AsObject();
        var chunk = long.Parse(header["chunk_size"]!.GetValue<string>(), CultureInfo.InvariantCulture);
        var parts = header.Where(kv => kv.Key != "chunk_size").Select(kv => (Number: int.Parse(kv.Key, CultureInfo.InvariantCulture), Url: kv.Value!.GetValue<string>())).ToList();
        var batchTime = batchClock.Elapsed;
        using var plain = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await Parallel.ForEachAsync(parts, new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (part, token) =>
        {
            var offset = (part.Number - 1) * chunk;
            var length = Math.Min(chunk, size - offset);
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            stream.Position = offset;
            using var content = new StreamContent(new PartStream(stream, length), 1 << 20);
            content.Headers.ContentLength = length;
            using var response = await plain.PutAsync(part.Url, content, token);
            response.EnsureSuccessStatusCode();
        });
        var partsTime = clock.Elapsed;
        using var complete = await plain.PostAsync(upload["href"]!.GetValue<string>(),
            new StringContent(JsonSerializer.Serialize(new { oid, parts = Array.Empty<object>() }), Encoding.UTF8, "application/vnd.git-lfs+json"), ct);
        complete.EnsureSuccessStatusCode();
        return (batchTime, partsTime, clock.Elapsed - partsTime);
    }
}
