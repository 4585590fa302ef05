using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests;

/// <summary>fill-mask and zero-shot-classification on small generated models; the expected scores are computed here from the weights.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class FillMaskAndZeroShotTests(InferenceHub hub)
{
    private static readonly string[] Vocabulary = TinyModels.Vocabulary;

    private Task<string> MaskedLmAsync() => hub.RepoAsync("tiny-mlm", () =>
    [
        new("model.onnx", TinyTaskModels.MaskedLm(), Lfs: true),
        new("tokenizer.json", BertTokenizerJson.From(Vocabulary)),
        new("config.json", "{\"architectures\": [\"BertForMaskedLM\"], \"model_type\": \"bert\"}"u8.ToArray()),
        new("README.md", ModelRepos.Card("fill-mask")),
    ]);

    private Task<string> NliAsync() => hub.RepoAsync("tiny-nli", () =>
    [
        new("model.onnx", TinyTaskModels.Nli()),
        new("vocab.txt", TinyModels.VocabTxt),
        new("config.json", TinyModels.Config(TinyTaskModels.NliLabels, "BertForSequenceClassification")),
        new("README.md", ModelRepos.Card("zero-shot-classification")),
    ]);

    [Fact]
    public async Task Fill_mask_ranks_the_vocabulary_at_the_mask_position_and_fills_the_sequence()
    {
        var repo = await MaskedLmAsync();
        var body = await PostAsync($"models/{repo}", new { inputs = "The movie was [MASK]", parameters = new { top_k = 3 } });
        // [CLS] the movie was [MASK] [SEP]: the mask is at position 4.
        var scores = Softmax(MaskLogits(position: 4));
        var expected = Enumerable.Range(0, Vocabulary.Length).OrderByDescending(i => scores[i]).Take(3).ToArray();
        var candidates = body.AsArray();
        Assert.Equal(3, candidates.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(expected[i], candidates[i]!["token"]!.GetValue<long>());
            Assert.Equal(Vocabulary[expected[i]], candidates[i]!["token_str"]!.GetValue<string>());
            Assert.Equal(scores[expected[i]], candidates[i]!["score"]!.GetValue<double>(), 1e-5);
            Assert.Equal($"the movie was {Vocabulary[expected[i]]}", candidates[i]!["sequence"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task Fill_mask_with_targets_scores_only_those_tokens()
    {
        var repo = await MaskedLmAsync();
        var body = await PostAsync($"models/{repo}/pipeline/fill-mask", new { inputs = "[MASK] lives in paris", parameters = new { targets = new[] { "bob", "sarah", "movie" } } });
        var scores = Softmax(MaskLogits(position: 1));
        var expected = new[] { "bob", "sarah", "movie" }.OrderByDescending(t => scores[TinyModels.Id(t)]).ToArray();
        Assert.Equal(expected, body.AsArray().Select(c => c!["token_str"]!.GetValue<string>()));
        Assert.All(body.AsArray(), c => Assert.Equal(scores[c!["token"]!.GetValue<long>()], c["score"]!.GetValue<double>(), 1e-5));
    }

    [Fact]
    public async Task Fill_mask_with_two_masks_answers_a_list_per_mask_with_the_special_tokens_kept_as_the_hf_pipeline_does()
    {
        var repo = await MaskedLmAsync();
        var body = await PostAsync($"models/{repo}", new { inputs = "[MASK] lives in [MASK]", parameters = new { top_k = 2 } });
        // [CLS] [MASK] lives in [MASK] [SEP]: masks at positions 1 and 4.
        var masks = body.AsArray();
        Assert.Equal(2, masks.Count);
        foreach (var (candidates, position) in masks.Zip(new[] { 1, 4 }))
        {
            var scores = Softmax(MaskLogits(position));
            var expected = Enumerable.Range(0, Vocabulary.Length).OrderByDescending(i => scores[i]).Take(2).ToArray();
            Assert.Equal(2, candidates!.AsArray().Count);
            for (var i = 0; i < 2; i++)
            {
                var candidate = candidates[i]!;
                Assert.Equal(expected[i], candidate["token"]!.GetValue<long>());
                Assert.Equal(scores[expected[i]], candidate["score"]!.GetValue<double>(), 1e-5);
                var word = Vocabulary[expected[i]];
                Assert.Equal(position == 1 ? $"[CLS] {word} lives in [MASK] [SEP]" : $"[CLS] [MASK] lives in {word} [SEP]", candidate["sequence"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Fill_mask_without_a_mask_token_is_a_400_that_says_so()
    {
        var repo = await MaskedLmAsync();
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync($"models/{repo}", new { inputs = "the movie was great" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("[MASK]", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task Zero_shot_softmaxes_entailment_across_the_candidate_labels_best_first()
    {
        var repo = await NliAsync();
        string[] labels = ["movie", "paris", "new"];
        var body = await PostAsync($"models/{repo}", new { inputs = "sarah lives in new york", parameters = new { candidate_labels = labels } });
        var entail = labels.Select(l => NliLogits("sarah lives in new york", l)[2]).ToArray();
        var expected = Softmax(entail);
        var answer = body.AsArray().Select(s => (Label: s!["label"]!.GetValue<string>(), Score: s["score"]!.GetValue<double>())).ToList();
        Assert.Equal(labels.Select((l, i) => (l, expected[i])).OrderByDescending(p => p.Item2).Select(p => p.l), answer.Select(a => a.Label));
        foreach (var (label, score) in answer) Assert.Equal(expected[Array.IndexOf(labels, label)], score, 1e-5);
    }

    [Fact]
    public async Task Zero_shot_multi_label_scores_each_label_on_its_own_and_old_python_clients_get_the_legacy_shape()
    {
        var repo = await NliAsync();
        using var client = hub.Client(hub.AdminToken);
        client.DefaultRequestHeaders.UserAgent.ParseAdd("hf_hub/0.36.0");
        var response = await client.PostAsJsonAsync($"models/{repo}",
            new { inputs = "the movie was great", parameters = new { candidate_labels = "movie, paris", multi_label = true, hypothesis_template = "about {}" } });
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.Equal("the movie was great", body["sequence"]!.GetValue<string>());
        var scores = body["labels"]!.AsArray().Select(l => l!.GetValue<string>()).Zip(body["scores"]!.AsArray().Select(s => s!.GetValue<double>())).ToDictionary();
        foreach (var label in new[] { "movie", "paris" })
        {
            // "about" is not in the vocabulary: [UNK].
            var logits = NliLogits("the movie was great", label, ["[UNK]", label]);
            Assert.Equal(Softmax([logits[0], logits[2]])[1], scores[label], 1e-5);
        }
    }

    private async Task<JsonNode> PostAsync(string url, object request)
    {
        var response = await hub.Client(hub.AdminToken).PostAsJsonAsync(url, request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        return body;
    }

    private static double[] MaskLogits(int position)
    {
        var token = TinyTaskModels.Row(TinyTaskModels.TokenLogits, Vocabulary.Length, TinyModels.Id("[MASK]"));
        var byPosition = TinyTaskModels.Row(TinyTaskModels.PositionLogits, Vocabulary.Length, position);
        return [.. token.Zip(byPosition, (a, b) => (double)(a + b))];
    }

    /// <summary>The NLI logits of [CLS] premise [SEP] hypothesis [SEP]; the default hypothesis "This example is {}." is [UNK] [UNK] [UNK] label [UNK].</summary>
    private static double[] NliLogits(string premise, string label, string[]? hypothesis = null)
    {
        hypothesis ??= ["[UNK]", "[UNK]", "[UNK]", label, "[UNK]"];
        var tokens = new List<(string Token, int Type)> { ("[CLS]", 0) };
        tokens.AddRange(premise.Split(' ').Select(w => (w, 0)));
        tokens.Add(("[SEP]", 0));
        tokens.AddRange(hypothesis.Select(w => (w, 1)));
        tokens.Add(("[SEP]", 1));
        var pooled = new double[TinyModels.Dim];
        foreach (var (token, type) in tokens)
            for (var j = 0; j < TinyModels.Dim; j++)
                pooled[j] += TinyModels.Embeddings[TinyModels.Id(token) * TinyModels.Dim + j] + TinyTaskModels.TypeEmbeddings[type * TinyModels.Dim + j];
        var logits = new double[3];
        for (var k = 0; k < 3; k++)
        {
            logits[k] = TinyTaskModels.NliBias[k];
            for (var j = 0; j < TinyModels.Dim; j++) logits[k] += pooled[j] * TinyTaskModels.NliWeights[j * 3 + k];
        }
        return logits;
    }

    private static double[] Softmax(double[] logits)
    {
        var max = logits.Max();
        var exp = logits.Select(l => Math.Exp(l - max)).ToArray();
        return [.. exp.Select(e => e / exp.Sum())];
    }
}
