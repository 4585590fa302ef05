using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>Text- and token-classification on small generated ONNX models; the expected scores are computed here from the weights.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class ClassificationTests(InferenceHub hub)
{
    private Task<string> SentimentAsync() => hub.RepoAsync("tiny-sentiment", () =>
    [
        new("model.onnx", TinyModels.TextClassifier(), Lfs: true),
        new("vocab.txt", TinyModels.VocabTxt),
        new("config.json", TinyModels.Config(TinyModels.SentimentLabels, "BertForSequenceClassification")),
        new("README.md", ModelRepos.Card("text-classification")),
    ]);

    private Task<string> EntitiesAsync() => hub.RepoAsync("tiny-ner", () =>
    [
        new("onnx/model.onnx", TinyModels.TokenClassifier()),
        new("tokenizer.json", BertTokenizerJson.From(TinyModels.Vocabulary)),
        new("config.json", TinyModels.Config(TinyModels.EntityLabels, "BertForTokenClassification")),
        new("README.md", ModelRepos.Card("token-classification")),
    ]);

    [Fact]
    public async Task Text_classification_returns_softmax_scores_of_the_logits_with_config_labels()
    {
        var repo = await SentimentAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = "The movie was GREAT" });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var expected = Softmax(SentimentLogits(["[CLS]", "the", "movie", "was", "great", "[SEP]"]));
        var scores = body[0]!.AsArray().ToDictionary(s => s!["label"]!.GetValue<string>(), s => s!["score"]!.GetValue<double>());
        Assert.Equal(expected[0], scores["NEGATIVE"], 1e-5);
        Assert.Equal(expected[1], scores["POSITIVE"], 1e-5);
        var first = body[0]![0]!["label"]!.GetValue<string>();
        Assert.Equal(expected[0] > expected[1] ? "NEGATIVE" : "POSITIVE", first);
    }

    [Fact]
    public async Task Text_classification_honours_sigmoid_and_top_k()
    {
        var repo = await SentimentAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}",
            new { inputs = "terrible movie", parameters = new { function_to_apply = "sigmoid", top_k = 1 } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var logits = SentimentLogits(["[CLS]", "terrible", "movie", "[SEP]"]);
        var best = logits[0] > logits[1] ? 0 : 1;
        var only = Assert.Single(body[0]!.AsArray());
        Assert.Equal(TinyModels.SentimentLabels[best], only!["label"]!.GetValue<string>());
        Assert.Equal(1 / (1 + Math.Exp(-logits[best])), only["score"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public async Task Token_classification_groups_entities_with_offsets_into_the_original_text()
    {
        var repo = await EntitiesAsync();
        const string text = "Sarah lives in New York";
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = text });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        var entities = body.AsArray();
        Assert.Equal(2, entities.Count);
        Assert.Equal("PER", entities[0]!["entity_group"]!.GetValue<string>());
        Assert.Equal("sarah", entities[0]!["word"]!.GetValue<string>());
        Assert.Equal("Sarah", text[entities[0]!["start"]!.GetValue<int>()..entities[0]!["end"]!.GetValue<int>()]);
        Assert.Equal(TokenScore("sarah", 1), entities[0]!["score"]!.GetValue<double>(), 1e-5);
        Assert.Equal("LOC", entities[1]!["entity_group"]!.GetValue<string>());
        Assert.Equal("new york", entities[1]!["word"]!.GetValue<string>());
        Assert.Equal((15, 23), (entities[1]!["start"]!.GetValue<int>(), entities[1]!["end"]!.GetValue<int>()));
        Assert.Equal((TokenScore("new", 3) + TokenScore("york", 4)) / 2, entities[1]!["score"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public async Task A_repo_without_pipeline_tag_needs_the_task_in_the_url()
    {
        var repo = await hub.RepoAsync("tiny-untagged", () => [new("model.onnx", TinyModels.TextClassifier()), new("vocab.txt", TinyModels.VocabTxt)]);
        var client = hub.Client(hub.AdminToken);
        var untagged = await client.PostAsJsonAsync($"models/{repo}", new { inputs = "great" });
        Assert.Equal(HttpStatusCode.BadRequest, untagged.StatusCode);
        Assert.Contains("pipeline_tag", JsonNode.Parse(await untagged.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        var named = await client.PostAsJsonAsync($"models/{repo}/pipeline/text-classification", new { inputs = "great" });
        Assert.Equal(HttpStatusCode.OK, named.StatusCode);
        var labels = JsonNode.Parse(await named.Content.ReadAsStringAsync())![0]!.AsArray().Select(s => s!["label"]!.GetValue<string>());
        Assert.Equal(["LABEL_0", "LABEL_1"], labels.Order());
    }

    private static double[] SentimentLogits(string[] tokens)
    {
        var pooled = new double[TinyModels.Dim];
        foreach (var id in tokens.Select(TinyModels.Id))
            for (var j = 0; j < TinyModels.Dim; j++) pooled[j] += TinyModels.Embeddings[id * TinyModels.Dim + j];
        var logits = new double[2];
        for (var k = 0; k < 2; k++)
        {
            logits[k] = TinyModels.SentimentBias[k];
            for (var j = 0; j < TinyModels.Dim; j++) logits[k] += pooled[j] * TinyModels.SentimentWeights[j * 2 + k];
        }
        return logits;
    }

    private static double TokenScore(string token, int label)
    {
        var n = TinyModels.EntityLabels.Length;
        var row = TinyModels.EntityLogits.Skip((int)TinyModels.Id(token) * n).Take(n).Select(v => (double)v).ToArray();
        return Softmax(row)[label];
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }
}
