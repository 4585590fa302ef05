using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>The real all-MiniLM-L6-v2, uploaded to the hub, through every embedding route.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class EmbeddingTests(InferenceHub hub)
{
    [Fact]
    public async Task OpenAi_embeddings_of_MiniLM_give_the_reference_cosine()
    {
        var repo = await hub.MiniLmAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync("v1/embeddings", new { model = repo, input = new[] { Vectors.Food, Vectors.Bread } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("list", body["object"]!.GetValue<string>());
        Assert.Equal(repo, body["model"]!.GetValue<string>());
        var data = body["data"]!.AsArray();
        Assert.Equal([0, 1], data.Select(d => d!["index"]!.GetValue<int>()));
        var a = Vectors.Of(data[0]!["embedding"]!);
        var b = Vectors.Of(data[1]!["embedding"]!);
        Assert.Equal(384, a.Length);
        Assert.Equal(Vectors.ExpectedCosine, Vectors.Cosine(a, b), 0.005);
        Assert.True(body["usage"]!["prompt_tokens"]!.GetValue<int>() > 10);
    }

    [Fact]
    public async Task Feature_extraction_task_api_gives_the_reference_cosine_with_unit_vectors()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        var response = await client.PostAsJsonAsync($"models/{repo}", new { inputs = new[] { Vectors.Food, Vectors.Bread } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var a = Vectors.Of(body[0]!);
        var b = Vectors.Of(body[1]!);
        Assert.Equal(1.0, Math.Sqrt(a.Sum(v => (double)v * v)), 1e-4);
        Assert.Equal(Vectors.ExpectedCosine, a.Zip(b).Sum(p => (double)p.First * p.Second), 0.005);
    }

    [Fact]
    public async Task Sentence_similarity_pipeline_scores_each_sentence_against_the_source()
    {
        var repo = await hub.MiniLmAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}/pipeline/sentence-similarity",
            new { inputs = new { source_sentence = Vectors.Food, sentences = new[] { Vectors.Bread, Vectors.Food } } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var scores = body.AsArray().Select(s => s!.GetValue<double>()).ToArray();
        Assert.Equal(Vectors.ExpectedCosine, scores[0], 0.005);
        Assert.Equal(1.0, scores[1], 1e-4);
    }

    [Fact]
    public async Task Tei_embed_returns_one_normalised_row_per_input()
    {
        var repo = await hub.MiniLmAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync("embed", new { model = repo, inputs = Vectors.Food });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var row = Assert.Single(body.AsArray());
        Assert.Equal(1.0, Math.Sqrt(Vectors.Of(row!).Sum(v => (double)v * v)), 1e-4);
    }

    [Fact]
    public async Task OpenAi_base64_encoding_gives_the_same_floats_as_the_json_array()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        async Task<JsonNode> EmbedAsync(object request)
        {
            var response = await client.PostAsJsonAsync("v1/embeddings", request);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
            return body["data"]![0]!["embedding"]!;
        }
        var floats = Vectors.Of(await EmbedAsync(new { model = repo, input = Vectors.Food }));
        var encoded = Convert.FromBase64String((await EmbedAsync(new { model = repo, input = Vectors.Food, encoding_format = "base64" })).GetValue<string>());
        Assert.Equal(floats, System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(encoded).ToArray());
    }

    [Fact]
    public async Task Embeddings_answers_carry_their_content_length_instead_of_chunked_encoding()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        foreach (var (route, request) in new (string, object)[] { ("v1/embeddings", new { model = repo, input = Vectors.Food }), ("embed", new { model = repo, inputs = new[] { Vectors.Food, Vectors.Bread } }) })
        {
            using var response = await client.PostAsJsonAsync(route, request);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.NotEqual(true, response.Headers.TransferEncodingChunked);
            Assert.Equal(bytes.Length, response.Content.Headers.ContentLength);
            Assert.NotNull(JsonNode.Parse(bytes));
        }
    }

    [Fact]
    public async Task Embeddings_without_a_model_are_a_validation_error_in_openai_shape()
    {
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync("v1/embeddings", new { input = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(400, body["code"]!.GetValue<int>());
        Assert.Contains("model", body["message"]!.GetValue<string>());
    }
}
