using System.Text.Json.Nodes;

namespace Hub.Inference.Models;

/// <summary>The cached files of one model at one commit, and what its configuration says.</summary>
internal sealed class ModelFiles
{
    private ModelFiles(string folder)
    {
        Folder = folder;
        Config = ReadJson("config.json");
        TokenizerConfig = ReadJson("tokenizer_config.json");
        Pooling = ReadJson("1_Pooling/config.json");
        Preprocessor = ReadJson("preprocessor_config.json");
        var modules = File.Exists(Path.Combine(folder, "modules.json")) ? File.ReadAllText(Path.Combine(folder, "modules.json")) : "";
        NormalizesEmbeddings = modules.Contains("sentence_transformers.models.Normalize", StringComparison.Ordinal);
    }

    public string Folder { get; }

    public string OnnxPath => Path.Combine(Folder, "model.onnx");

    public string? TokenizerJsonPath => Existing("tokenizer.json");

    public string? VocabPath => Existing("vocab.txt");

    public JsonObject? Config { get; }

    public JsonObject? TokenizerConfig { get; }

    /// <summary>The image processor's settings (<c>preprocessor_config.json</c>), or null.</summary>
    public JsonObject? Preprocessor { get; }

    /// <summary>sentence-transformers' pooling settings (<c>1_Pooling/config.json</c>), or null.</summary>
    public JsonObject? Pooling { get; }

    /// <summary>True when the sentence-transformers pipeline ends in a Normalize module.</summary>
    public bool NormalizesEmbeddings { get; }

    public static ModelFiles From(string folder) => new(folder);

    /// <summary>Labels by class index from <c>config.json</c>'s <c>id2label</c> (<c>LABEL_i</c> where missing).</summary>
    public string[] Labels(int count)
    {
        var labels = new string[count];
        var map = Config?["id2label"] as JsonObject;
        for (var i = 0; i < count; i++)
            labels[i] = map?[i.ToString(System.Globalization.CultureInfo.InvariantCulture)]?.GetValue<string>() ?? $"LABEL_{i}";
        return labels;
    }

    public string? ConfigString(string name) => Config?[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    private string? Existing(string name) => File.Exists(Path.Combine(Folder, name)) ? Path.Combine(Folder, name) : null;

    private JsonObject? ReadJson(string name) =>
        Existing(name) is { } path ? JsonNode.Parse(File.ReadAllText(path)) as JsonObject : null;
}
