using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>
/// token-classification's word-level <c>aggregation_strategy</c> values (<c>first</c>, <c>average</c>, <c>max</c>) on a
/// model whose vocabulary splits "John" into <c>jo</c> + <c>##hn</c> with disagreeing labels; the expected labels and
/// scores are computed here as the HF pipeline computes them.
/// </summary>
[Collection(InferenceHubCollection.Name)]
public sealed class TokenAggregationTests(InferenceHub hub)
{
    private const string Text = "John lives in Paris";

    private static readonly string[] Vocabulary = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "jo", "##hn", "lives", "in", "paris"];

    // Logits per vocabulary entry over O, B-PER, I-PER, B-LOC, I-LOC.
    private static readonly float[][] Logits =
    [
        [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0], [0, 0, 0, 0, 0],
        [0, 3, 0, 0, 1], [0, 0, 0, 0, 5], [3, 0, 0, 0, 0], [3, 0, 0, 0, 0], [0, 0, 0, 4, 0],
    ];

    private Task<string> ModelAsync() => hub.RepoAsync("tiny-ner-subwords", () =>
    [
        new("model.onnx", new OnnxGraphWriter()
            .Input("input_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
            .Output("logits", OnnxGraphWriter.FloatType, "batch", "sequence", (long)TinyModels.EntityLabels.Length)
            .Initializer("table", [.. Logits.SelectMany(l => l)], Vocabulary.Length, TinyModels.EntityLabels.Length)
            .Node("Gather", ["table", "input_ids"], ["logits"])
            .ToArray()),
        new("tokenizer.json", BertTokenizerJson.From(Vocabulary)),
        new("config.json", TinyModels.Config(TinyModels.EntityLabels, "BertForTokenClassification")),
        new("README.md", ModelRepos.Card("token-classification")),
    ]);

    private static double[] Softmax(string token)
    {
        var logits = Logits[Array.IndexOf(Vocabulary, token)];
        var exp = logits.Select(l => Math.Exp(l)).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }

    private async Task<JsonArray> EntitiesAsync(string strategy)
    {
        var repo = await ModelAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = Text, parameters = new { aggregation_strategy = strategy } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body.AsArray();
    }

    private static void AssertEntity(JsonNode? entity, string group, string word, int start, int end, double score)
    {
        Assert.Equal(group, entity!["entity_group"]!.GetValue<string>());
        Assert.Equal(word, entity["word"]!.GetValue<string>());
        Assert.Equal((start, end), (entity["start"]!.GetValue<int>(), entity["end"]!.GetValue<int>()));
        Assert.Equal(score, entity["score"]!.GetValue<double>(), 1e-5);
    }

    [Fact]
    public async Task First_labels_a_word_by_its_first_sub_word()
    {
        var entities = await EntitiesAsync("first");
        Assert.Equal(2, entities.Count);
        AssertEntity(entities[0], "PER", "john", 0, 4, Softmax("jo")[1]);
        AssertEntity(entities[1], "LOC", "paris", 14, 19, Softmax("paris")[3]);
    }

    [Fact]
    public async Task Max_labels_a_word_by_its_most_confident_sub_word()
    {
        var entities = await EntitiesAsync("max");
        Assert.Equal(2, entities.Count);
        AssertEntity(entities[0], "LOC", "john", 0, 4, Softmax("##hn")[4]);
        AssertEntity(entities[1], "LOC", "paris", 14, 19, Softmax("paris")[3]);
    }

    [Fact]
    public async Task Average_labels_a_word_by_the_mean_of_its_sub_words_scores()
    {
        var entities = await EntitiesAsync("average");
        Assert.Equal(2, entities.Count);
        AssertEntity(entities[0], "LOC", "john", 0, 4, (Softmax("jo")[4] + Softmax("##hn")[4]) / 2);
    }

    [Fact]
    public async Task None_answers_each_token_with_its_full_label_and_its_index_as_the_hf_pipeline_does()
    {
        var entities = await EntitiesAsync("none");
        Assert.Equal(3, entities.Count);
        (string Label, string Word, int Index, int Start, int End, double Score)[] expected =
            [("B-PER", "jo", 1, 0, 2, Softmax("jo")[1]), ("I-LOC", "##hn", 2, 2, 4, Softmax("##hn")[4]), ("B-LOC", "paris", 5, 14, 19, Softmax("paris")[3])];
        foreach (var (entity, e) in entities.Zip(expected))
        {
            // Python reads 'entity' and 'index'; the JS client requires 'entity_group' whatever the strategy.
            AssertEntity(entity, e.Label, e.Word, e.Start, e.End, e.Score);
            Assert.Equal(e.Label, entity!["entity"]!.GetValue<string>());
            Assert.Equal(e.Index, entity["index"]!.GetValue<int>());
        }
        Assert.All(await EntitiesAsync("simple"), e => Assert.Null(e!["index"]));
    }

    [Fact]
    public async Task An_unknown_aggregation_strategy_is_a_400()
    {
        var repo = await ModelAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = Text, parameters = new { aggregation_strategy = "bogus" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("aggregation_strategy", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }
}
