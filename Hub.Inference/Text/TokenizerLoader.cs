using System.Text.Json.Nodes;
using Hub.Inference.Models;

namespace Hub.Inference.Text;

/// <summary>
/// Chooses the tokenizer of a model. Everything runs through the HF Rust tokenizer (Tokenizers.DotNet), the reference:
/// <c>tokenizer.json</c> as it is, or else <c>vocab.txt</c> turned into the tokenizer.json HF's BertTokenizerFast would
/// build from it. (FastBertTokenizer was the alternative, but with the hub's invariant globalization it cannot strip
/// accents, so "Héllo" became [UNK].)
/// </summary>
internal static class TokenizerLoader
{
    public static ITextTokenizer? TryLoad(ModelFiles files)
    {
        if (files.TokenizerJsonPath is { } json) return FromTokenizerJson(json);
        if (files.VocabPath is { } vocab) return FromVocab(vocab, files.TokenizerConfig);
        return null;
    }

    private static WordPieceTextTokenizer FromTokenizerJson(string path)
    {
        var document = JsonNode.Parse(File.ReadAllText(path))!;
        var vocabulary = VocabularyOf(document["model"]?["vocab"] as JsonObject);
        var tokenizer = new Tokenizers.DotNet.Tokenizer(path);
        return new WordPieceTextTokenizer("tokenizer.json (HF tokenizers)",
            text => Array.ConvertAll(tokenizer.Encode(text), id => (long)id), tokenizer, vocabulary);
    }

    private static WordPieceTextTokenizer FromVocab(string path, JsonObject? tokenizerConfig)
    {
        var lowercase = tokenizerConfig?["do_lower_case"]?.GetValue<bool>() ?? true;
        bool? stripAccents = tokenizerConfig?["strip_accents"] is JsonValue v && v.TryGetValue<bool>(out var strip) ? strip : null;
        var lines = File.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var derived = Path.Combine(Path.GetDirectoryName(path)!, "tokenizer.from-vocab.json");
        if (!File.Exists(derived))
        {
            var staging = derived + "." + Guid.NewGuid().ToString("N");
            File.WriteAllText(staging, VocabTokenizerJson.Create(lines, lowercase, stripAccents));
            File.Move(staging, derived, overwrite: true);
        }
        var tokenizer = new Tokenizers.DotNet.Tokenizer(derived);
        return new WordPieceTextTokenizer("vocab.txt (HF tokenizers, WordPiece)",
            text => Array.ConvertAll(tokenizer.Encode(text), id => (long)id), tokenizer, [.. lines]);
    }

    private static string[] VocabularyOf(JsonObject? vocab)
    {
        if (vocab is null) return [];
        var size = vocab.Select(p => p.Value!.GetValue<int>()).DefaultIfEmpty(-1).Max() + 1;
        var result = new string[size];
        foreach (var (token, id) in vocab) result[id!.GetValue<int>()] = token;
        for (var i = 0; i < size; i++) result[i] ??= "[UNK]";
        return result;
    }
}
