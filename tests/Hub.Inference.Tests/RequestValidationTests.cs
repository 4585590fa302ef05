using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>
/// Malformed or impossible requests as clients send them: each is a clear 4xx in its route's error shape (OpenAI
/// <c>{"message", "code", "type"}</c>, TEI <c>{"error", "error_type"}</c>, HF <c>{"error"}</c>), never a 500.
/// </summary>
[Collection(InferenceHubCollection.Name)]
public sealed class RequestValidationTests(InferenceHub hub)
{
    private Task<string> NliAsync() => hub.RepoAsync("tiny-nli", () =>
    [
        new("model.onnx", TinyTaskModels.Nli()),
        new("vocab.txt", TinyModels.VocabTxt),
        new("config.json", TinyModels.Config(TinyTaskModels.NliLabels, "BertForSequenceClassification")),
        new("README.md", ModelRepos.Card("zero-shot-classification")),
    ]);

    private static async Task<JsonNode> AssertStatusAsync(HttpResponseMessage response, HttpStatusCode status, string? request = null)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{request} -> {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static void AssertOpenAiShape(JsonNode body, int status)
    {
        Assert.Equal(status, body["code"]?.GetValue<int>());
        Assert.False(string.IsNullOrEmpty(body["message"]?.GetValue<string>()), body.ToJsonString());
        Assert.NotNull(body["type"]);
    }

    [Fact]
    public async Task OpenAi_embeddings_of_a_missing_model_or_revision_answer_in_openai_shape()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = "admin/no-such-model", input = "x" }), HttpStatusCode.NotFound), 404);
        AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = $"{repo}@no-such-branch", input = "x" }), HttpStatusCode.NotFound), 404);
        AssertOpenAiShape(await AssertStatusAsync(await hub.Client().PostAsJsonAsync("v1/embeddings", new { model = "admin/no-such-model", input = "x" }), HttpStatusCode.Unauthorized), 401);
    }

    [Fact]
    public async Task Tei_embed_of_a_missing_model_answers_in_tei_shape()
    {
        var body = await AssertStatusAsync(await hub.Client(hub.AdminToken).PostAsJsonAsync("embed", new { model = "admin/no-such-model", inputs = "x" }), HttpStatusCode.NotFound);
        Assert.NotNull(body["error"]);
        Assert.NotNull(body["error_type"]);
    }

    [Fact]
    public async Task OpenAi_dimensions_shorten_the_vector_and_renormalise_it_as_openai_does()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        var full = await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = Vectors.Food }), HttpStatusCode.OK);
        var cut = await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = Vectors.Food, dimensions = 64 }), HttpStatusCode.OK);
        var head = Vectors.Of(full["data"]![0]!["embedding"]!)[..64];
        var shortened = Vectors.Of(cut["data"]![0]!["embedding"]!);
        Assert.Equal(64, shortened.Length);
        Assert.Equal(1.0, Math.Sqrt(shortened.Sum(v => (double)v * v)), 1e-4);
        var norm = Math.Sqrt(head.Sum(v => (double)v * v));
        for (var i = 0; i < 64; i++) Assert.Equal(head[i] / norm, shortened[i], 1e-5);
        var tei = await AssertStatusAsync(await client.PostAsJsonAsync("embed", new { model = repo, inputs = Vectors.Food, dimensions = 64 }), HttpStatusCode.OK);
        Assert.Equal(shortened, Vectors.Of(tei[0]!));
    }

    [Fact]
    public async Task OpenAi_dimensions_or_encoding_format_out_of_their_domain_are_refused()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        foreach (var dimensions in new JsonNode?[] { 0, -3, "64", 1.5, 385 })
        {
            var request = new JsonObject { ["model"] = repo, ["input"] = "x", ["dimensions"] = dimensions?.DeepClone() };
            AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", request), HttpStatusCode.BadRequest), 400);
        }
        foreach (var format in new JsonNode?[] { "base65", "FLOAT", 1 })
        {
            var request = new JsonObject { ["model"] = repo, ["input"] = "x", ["encoding_format"] = format?.DeepClone() };
            AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", request), HttpStatusCode.BadRequest), 400);
        }
        await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = "x", encoding_format = "float" }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task OpenAi_token_id_inputs_and_wrong_types_are_a_clear_400()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        foreach (var input in new JsonNode?[] { new JsonArray(1, 2, 3), new JsonArray(new JsonArray(1, 2)), new JsonArray(), 5, null, new JsonArray("a", null) })
        {
            var request = new JsonObject { ["model"] = repo, ["input"] = input?.DeepClone() };
            AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", request), HttpStatusCode.BadRequest), 400);
        }
    }

    [Fact]
    public async Task Task_api_bodies_with_wrong_types_or_bytes_are_a_400_not_a_500()
    {
        var repo = await hub.MiniLmAsync();
        var nli = await NliAsync();
        var client = hub.Client(hub.AdminToken);
        var cases = new (string Url, string Body)[]
        {
            ($"models/{repo}", "{\"inputs\": 5}"),
            ($"models/{repo}", "{\"inputs\": []}"),
            ($"models/{repo}", "{\"inputs\": {\"a\": 1}}"),
            ($"models/{repo}", "[1, 2]"),
            ($"models/{repo}/pipeline/sentence-similarity", "{\"inputs\": \"text\"}"),
            ($"models/{repo}/pipeline/sentence-similarity", "{\"inputs\": {\"source_sentence\": \"a\", \"sentences\": [null]}}"),
            ($"models/{nli}", "{\"inputs\": \"great movie\", \"parameters\": {\"candidate_labels\": [null, \"x\"]}}"),
            ($"models/{nli}", "{\"inputs\": \"great movie\", \"parameters\": {\"candidate_labels\": [1, 2]}}"),
            ($"models/{nli}", "{\"inputs\": \"great movie\", \"parameters\": {\"candidate_labels\": {\"a\": 1}}}"),
        };
        foreach (var (url, body) in cases)
        {
            var response = await client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));
            var answer = await AssertStatusAsync(response, HttpStatusCode.BadRequest, $"{url} {body}");
            Assert.NotNull(answer["error"]);
        }
        var invalidUtf8 = new ByteArrayContent([(byte)'{', (byte)'"', (byte)'i', (byte)'n', (byte)'p', (byte)'u', (byte)'t', (byte)'s', (byte)'"', (byte)':', (byte)'"', 0xff, 0xfe, (byte)'"', (byte)'}']);
        invalidUtf8.Headers.ContentType = new("application/json");
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync($"models/{repo}", invalidUtf8)).StatusCode);
    }

    [Fact]
    public async Task A_dataset_or_a_repo_without_an_onnx_model_is_a_404_and_an_unknown_revision_a_404()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        var noOnnx = await ModelRepos.UploadAsync(client, "no-onnx-" + Guid.NewGuid().ToString("N")[..8], [new("README.md", ModelRepos.Card("feature-extraction"))]);
        Assert.NotNull((await AssertStatusAsync(await client.PostAsJsonAsync($"models/{noOnnx}", new { inputs = "x" }), HttpStatusCode.NotFound))["error"]);
        AssertOpenAiShape(await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = noOnnx, input = "x" }), HttpStatusCode.NotFound), 404);
        Assert.NotNull((await AssertStatusAsync(await client.PostAsJsonAsync($"models/{repo}?revision=no-such-branch", new { inputs = "x" }), HttpStatusCode.NotFound))["error"]);
    }

    [Fact]
    public async Task Inputs_longer_than_the_model_accepts_are_truncated_and_a_long_batch_is_answered_whole()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        var longText = string.Join(' ', Enumerable.Repeat("food", 5000));
        var inputs = Enumerable.Range(0, 300).Select(i => i % 2 == 0 ? longText : $"sentence {i}").ToArray();
        var body = await AssertStatusAsync(await client.PostAsJsonAsync("embed", new { model = repo, inputs }), HttpStatusCode.OK);
        Assert.Equal(300, body.AsArray().Count);
        var empty = await AssertStatusAsync(await client.PostAsJsonAsync("embed", new { model = repo, inputs = "" }), HttpStatusCode.OK);
        Assert.Single(empty.AsArray());
    }

    [Fact]
    public async Task After_a_new_commit_calls_without_a_revision_use_the_new_head_and_the_old_commit_stays_callable()
    {
        var client = hub.Client(hub.AdminToken);
        var repo = await ModelRepos.UploadAsync(client, "relabelled",
        [
            new("model.onnx", TinyModels.TextClassifier()),
            new("vocab.txt", TinyModels.VocabTxt),
            new("config.json", TinyModels.Config(TinyModels.SentimentLabels, "BertForSequenceClassification")),
            new("README.md", ModelRepos.Card("text-classification")),
        ]);
        var old = (await client.GetFromJsonAsync<JsonObject>($"api/models/{repo}"))!["sha"]!.GetValue<string>();
        async Task<string[]> LabelsAsync(string url) =>
            [.. (await AssertStatusAsync(await client.PostAsJsonAsync(url, new { inputs = "great" }), HttpStatusCode.OK))[0]!.AsArray().Select(s => s!["label"]!.GetValue<string>()).Order()];
        for (var i = 0; i < 3; i++) Assert.Equal(["NEGATIVE", "POSITIVE"], await LabelsAsync($"models/{repo}"));

        await HubApi.CommitOkAsync(client, repo, "Rename labels", HubApi.File("config.json", TinyModels.Config(["BAD", "GOOD"], "BertForSequenceClassification")));

        Assert.Equal(["BAD", "GOOD"], await LabelsAsync($"models/{repo}"));
        Assert.Equal(["NEGATIVE", "POSITIVE"], await LabelsAsync($"models/{repo}?revision={old}"));
        Assert.Equal(["BAD", "GOOD"], await LabelsAsync($"models/{repo}"));
    }

    [Fact]
    public async Task More_inputs_than_a_request_may_carry_are_a_400_in_each_route_shape()
    {
        var repo = await hub.MiniLmAsync();
        var client = hub.Client(hub.AdminToken);
        var inputs = Enumerable.Repeat("a", 2049).ToArray();
        var openAi = await AssertStatusAsync(await client.PostAsJsonAsync("v1/embeddings", new { model = repo, input = inputs }), HttpStatusCode.BadRequest);
        AssertOpenAiShape(openAi, 400);
        Assert.Contains("2048", openAi["message"]!.GetValue<string>());
        Assert.NotNull((await AssertStatusAsync(await client.PostAsJsonAsync("embed", new { model = repo, inputs }), HttpStatusCode.BadRequest))["error_type"]);
        Assert.NotNull((await AssertStatusAsync(await client.PostAsJsonAsync($"models/{repo}", new { inputs }), HttpStatusCode.BadRequest))["error"]);
        Assert.NotNull((await AssertStatusAsync(await client.PostAsJsonAsync($"models/{repo}/pipeline/sentence-similarity",
            new { inputs = new { source_sentence = "a", sentences = inputs } }), HttpStatusCode.BadRequest))["error"]);
    }

    [Fact]
    public async Task A_request_with_more_inputs_than_the_model_queue_holds_is_a_400_not_a_429_retried_forever()
    {
        var repo = await hub.RepoAsync(InferenceHub.SmallQueueName, () => MiniLm.RepoFiles("feature-extraction"));
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync("v1/embeddings", new { model = repo, input = new[] { "a", "b" } });
        var body = await AssertStatusAsync(response, HttpStatusCode.BadRequest);
        Assert.Null(response.Headers.RetryAfter);
        Assert.Contains("at most 1", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_unknown_function_to_apply_is_a_400_instead_of_a_silent_softmax()
    {
        var repo = await hub.RepoAsync("tiny-sentiment", () =>
        [
            new("model.onnx", TinyModels.TextClassifier(), Lfs: true),
            new("vocab.txt", TinyModels.VocabTxt),
            new("config.json", TinyModels.Config(TinyModels.SentimentLabels, "BertForSequenceClassification")),
            new("README.md", ModelRepos.Card("text-classification")),
        ]);
        var client = hub.Client(hub.AdminToken);
        var body = await AssertStatusAsync(await client.PostAsJsonAsync($"models/{repo}", new { inputs = "great", parameters = new { function_to_apply = "softmaxx" } }), HttpStatusCode.BadRequest);
        Assert.Contains("function_to_apply", body["error"]!.GetValue<string>());
        await AssertStatusAsync(await client.PostAsJsonAsync($"models/{repo}", new { inputs = "great", parameters = new { function_to_apply = "none" } }), HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_fill_mask_target_with_no_token_is_a_400_not_the_padding_token()
    {
        var repo = await hub.RepoAsync("tiny-mlm", () =>
        [
            new("model.onnx", TinyTaskModels.MaskedLm(), Lfs: true),
            new("tokenizer.json", BertTokenizerJson.From(TinyModels.Vocabulary)),
            new("config.json", "{\"architectures\": [\"BertForMaskedLM\"], \"model_type\": \"bert\"}"u8.ToArray()),
            new("README.md", ModelRepos.Card("fill-mask")),
        ]);
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = "[MASK] lives in paris", parameters = new { targets = new[] { "bob", " " } } });
        Assert.Contains("target", (await AssertStatusAsync(response, HttpStatusCode.BadRequest))["error"]!.GetValue<string>());
    }
}
