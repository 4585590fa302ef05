using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// What library and task a model is for when its card does not say: decided from its files, the way huggingface.co
/// guesses them.
/// </summary>
public static class ModelKind
{
    private static readonly (string Suffix, string Pipeline)[] ArchitectureSuffixes =
    [
        ("ForSequenceClassification", "text-classification"),
        ("ForTokenClassification", "token-classification"),
        ("ForQuestionAnswering", "question-answering"),
        ("ForMaskedLM", "fill-mask"),
        ("ForCausalLM", "text-generation"),
        ("LMHeadModel", "text-generation"),
        ("ForConditionalGeneration", "text2text-generation"),
        ("ForImageClassification", "image-classification"),
        ("ForObjectDetection", "object-detection"),
        ("ForAudioClassification", "audio-classification"),
        ("ForCTC", "automatic-speech-recognition"),
        ("ForSpeechSeq2Seq", "automatic-speech-recognition"),
        ("Model", "feature-extraction"),
    ];

    /// <summary>The library from marker files (root level); null when nothing is recognised.</summary>
    public static string? Library(IReadOnlyCollection<string> paths)
    {
        bool Has(string path) => paths.Contains(path, StringComparer.Ordinal);
        if (Has("model_index.json")) return "diffusers";
        if (Has("config_sentence_transformers.json") || Has("modules.json")) return "sentence-transformers";
        if (Has("adapter_config.json")) return "peft";
        if (Has("config.json")) return "transformers";
        if (paths.Any(p => p.EndsWith(".gguf", StringComparison.OrdinalIgnoreCase))) return "gguf";
        if (paths.Any(p => p.EndsWith(".onnx", StringComparison.OrdinalIgnoreCase))) return "onnx";
        return null;
    }

    /// <summary>The pipeline from the library and the config's first architecture; null when unknown.</summary>
    public static string? Pipeline(string? library, JsonObject? config)
    {
        if (library == "sentence-transformers") return "sentence-similarity";
        var architecture = RepoTags.Strings(config?["architectures"]).FirstOrDefault();
        if (architecture is null) return null;
        foreach (var (suffix, pipeline) in ArchitectureSuffixes)
        {
            if (architecture.EndsWith(suffix, StringComparison.Ordinal)) return pipeline;
        }
        return null;
    }
}
