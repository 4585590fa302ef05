using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// The <c>config</c> of repo info: from config.json the architectures, model_type and id2label; from
/// tokenizer_config.json the special tokens and chat template (<c>tokenizer_config</c>); and which tokenizer files exist.
/// </summary>
public static class ConfigSummary
{
    /// <summary>Files that make up a tokenizer, in the order they are listed.</summary>
    public static readonly string[] TokenizerFiles =
        ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json", "vocab.txt", "vocab.json", "merges.txt", "tokenizer.model",
         "sentencepiece.bpe.model", "spiece.model", "added_tokens.json"];

    private static readonly string[] SpecialTokens = ["bos_token", "eos_token", "unk_token", "sep_token", "pad_token", "cls_token", "mask_token"];

    /// <summary>Parses a small JSON file; null (with the reason) when it is not a JSON object.</summary>
    public static (JsonObject? Json, string? Error) ParseObject(string path, string? text)
    {
        if (text is null) return (null, null);
        try
        {
            return JsonNode.Parse(text, documentOptions: new JsonDocumentOptions { MaxDepth = 64, AllowTrailingCommas = true }) is JsonObject obj
                ? (obj, null)
                : (null, $"{path}: not a JSON object.");
        }
        catch (JsonException e)
        {
            return (null, $"{path}: invalid JSON ({e.Message}).");
        }
    }

    /// <summary>The summary, or null when there is neither a config nor a tokenizer.</summary>
    public static JsonObject? Build(JsonObject? config, JsonObject? tokenizerConfig, IReadOnlyCollection<string> rootFiles)
    {
        var summary = new JsonObject();
        if (config is not null)
        {
            var architectures = RepoTags.Strings(config["architectures"]).ToArray();
            if (architectures.Length > 0) summary["architectures"] = new JsonArray([.. architectures.Select(a => JsonValue.Create(a))]);
            if (config["model_type"] is JsonValue { } modelType && modelType.GetValueKind() == JsonValueKind.String) summary["model_type"] = modelType.DeepClone();
            if (config["id2label"] is JsonObject labels && labels.Count <= 10_000) summary["id2label"] = labels.DeepClone();
        }
        if (tokenizerConfig is not null)
        {
            var tokens = new JsonObject();
            foreach (var name in SpecialTokens)
            {
                if (Token(tokenizerConfig[name]) is { } token) tokens[name] = token;
            }
            if (tokenizerConfig["chat_template"] is JsonValue template && template.GetValueKind() == JsonValueKind.String)
                tokens["chat_template"] = template.DeepClone();
            summary["tokenizer_config"] = tokens;
        }
        var present = TokenizerFiles.Where(f => rootFiles.Contains(f, StringComparer.Ordinal)).ToArray();
        if (present.Length > 0) summary["tokenizer_files"] = new JsonArray([.. present.Select(f => JsonValue.Create(f))]);
        return summary.Count == 0 ? null : summary;
    }

    /// <summary>A special token is a string or an AddedToken object ({content: "…"}).</summary>
    public static string? Token(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonObject o when o["content"] is JsonValue c && c.GetValueKind() == JsonValueKind.String => c.GetValue<string>(),
        _ => null,
    };
}
