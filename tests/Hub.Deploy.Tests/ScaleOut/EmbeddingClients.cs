using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Testing;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Clients calling <c>/v1/embeddings</c> through the proxy, each with one of the two MiniLM reference sentences, and
/// checking every answer against the vector the hub gave for that sentence before the load. Inference has no side
/// effects, so a careful client sends a request again when the proxy answers 502/503/504 or drops the connection
/// (the hub process behind it died); anything else fails the test.
/// </summary>
public sealed class EmbeddingClients(HttpClient client, string model)
{
    private const int MaxAttempts = 10;
    private readonly Dictionary<string, float[]> reference = [];
    private long completed;
    private long retries;

    /// <summary>Requests answered 200 with the reference vector.</summary>
    public long Completed => Interlocked.Read(ref completed);

    /// <summary>Attempts that had to be repeated because a process failed.</summary>
    public long Retries => Interlocked.Read(ref retries);

    public ConcurrentBag<string> Failures { get; } = [];

    /// <summary>Embeds the two reference sentences (no load yet) and checks MiniLM's cosine for them (0.755 ± 0.005).</summary>
    public async Task<double> ReferenceAsync()
    {
        foreach (var text in new[] { Vectors.Food, Vectors.Bread })
        {
            using var response = await client.PostAsJsonAsync("v1/embeddings", new { model, input = text });
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
            reference[text] = Vectors.Of(JsonNode.Parse(body)!["data"]![0]!["embedding"]!);
        }
        var cosine = Vectors.Cosine(reference[Vectors.Food], reference[Vectors.Bread]);
        Assert.Equal(Vectors.ExpectedCosine, cosine, 0.005);
        return cosine;
    }

    /// <summary><paramref name="clients"/> clients sending requests one after the other until <paramref name="until"/> says stop (checked between requests).</summary>
    public Task RunAsync(int clients, Func<bool> until) =>
        Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            for (var i = c; !until(); i++) await EmbedWithRetriesAsync(i % 2 == 0 ? Vectors.Food : Vectors.Bread);
        })));

    private async Task EmbedWithRetriesAsync(string text)
    {
        var failures = new List<string>();
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            try
            {
                using var response = await client.PostAsJsonAsync("v1/embeddings", new { model, input = text });
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    var vector = Vectors.Of(JsonNode.Parse(body)!["data"]![0]!["embedding"]!);
                    var expected = reference[text];
                    if (vector.Length != expected.Length || vector.Where((v, k) => Math.Abs(v - expected[k]) > 1e-4f).Any())
                        Failures.Add($"'{text}': the vector differs from the reference");
                    Interlocked.Increment(ref completed);
                    return;
                }
                failures.Add($"{(int)response.StatusCode} {body}");
                if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout))
                {
                    Failures.Add($"'{text}': {(int)response.StatusCode} {body}");
                    return;
                }
            }
            catch (HttpRequestException e)
            {
                failures.Add(e.Message);
            }
            Interlocked.Increment(ref retries);
            await Task.Delay(Random.Shared.Next(20, 100 * attempt));
        }
        Failures.Add($"'{text}' failed {MaxAttempts} times: {string.Join(" | ", failures)}");
    }
}
