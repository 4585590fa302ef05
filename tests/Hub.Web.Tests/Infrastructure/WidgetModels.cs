using System.Collections.Concurrent;
using System.Text;
using Hub.Inference.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// Real ONNX models for the inference widget, uploaded once per hub by its admin: MiniLM (sentence-similarity) and the
/// small generated classifiers of the inference tests, each with the <c>pipeline_tag</c> that picks its widget.
/// </summary>
public static class WidgetModels
{
    private static readonly ConcurrentDictionary<(string Hub, string Name), Lazy<Task<string>>> Made = new();

    public static Task<string> MiniLmAsync(WebHub hub) => RepoAsync(hub, "minilm", "sentence-similarity", ("model.onnx", MiniLm.Model), new Dictionary<string, string>
    {
        ["vocab.txt"] = Encoding.UTF8.GetString(MiniLm.Vocab),
        ["tokenizer.json"] = Encoding.UTF8.GetString(BertTokenizerJson.From(MiniLm.VocabularyLines)),
        ["config.json"] = "{\"model_type\": \"bert\", \"hidden_size\": 384}",
        ["1_Pooling/config.json"] = Encoding.UTF8.GetString(MiniLm.Pooling),
    });

    public static Task<string> SentimentAsync(WebHub hub) => RepoAsync(hub, "tiny-sentiment", "text-classification", ("model.onnx", TinyModels.TextClassifier()), new Dictionary<string, string>
    {
        ["vocab.txt"] = Encoding.UTF8.GetString(TinyModels.VocabTxt),
        ["config.json"] = Encoding.UTF8.GetString(TinyModels.Config(TinyModels.SentimentLabels, "BertForSequenceClassification")),
    });

    public static Task<string> EntitiesAsync(WebHub hub) => RepoAsync(hub, "tiny-ner", "token-classification", ("model.onnx", TinyModels.TokenClassifier()), new Dictionary<string, string>
    {
        ["tokenizer.json"] = Encoding.UTF8.GetString(BertTokenizerJson.From(TinyModels.Vocabulary)),
        ["config.json"] = Encoding.UTF8.GetString(TinyModels.Config(TinyModels.EntityLabels, "BertForTokenClassification")),
    });

    public static Task<string> MaskedLmAsync(WebHub hub) => RepoAsync(hub, "tiny-mlm", "fill-mask", ("model.onnx", TinyTaskModels.MaskedLm()), new Dictionary<string, string>
    {
        ["tokenizer.json"] = Encoding.UTF8.GetString(BertTokenizerJson.From(TinyModels.Vocabulary)),
        ["config.json"] = "{\"architectures\": [\"BertForMaskedLM\"], \"model_type\": \"bert\"}",
    });

    public static Task<string> ImageClassifierAsync(WebHub hub) => RepoAsync(hub, "tiny-vit", "image-classification", ("model.onnx", TinyImageModels.Model()), new Dictionary<string, string>
    {
        ["config.json"] = Encoding.UTF8.GetString(TinyModels.Config(TinyImageModels.Labels, "ViTForImageClassification")),
        ["preprocessor_config.json"] = TinyImageModels.Preprocessor,
    });

    /// <summary>A text-classification repo without any model file: inference fails, and the widget must say why.</summary>
    public static Task<string> BrokenAsync(WebHub hub) => RepoAsync(hub, "no-weights", "text-classification", null, new Dictionary<string, string>());

    private static Task<string> RepoAsync(WebHub hub, string name, string task, (string Path, byte[] Bytes)? model, Dictionary<string, string> files) =>
        Made.GetOrAdd((hub.Url, name), _ => new Lazy<Task<string>>(async () =>
        {
            using var api = hub.Client(hub.AdminToken);
            var repo = await HubRequests.CreateRepoAsync(api, name);
            files["README.md"] = $"---\npipeline_tag: {task}\n---\n# {name}\n";
            await HubRequests.CommitAsync(api, repo, "Add the card and configuration", files);
            if (model is { } m) await HubRequests.CommitLfsAsync(api, repo, m.Path, m.Bytes, "Add the model");
            return repo;
        })).Value;
}
