using System.Text;
using System.Text.Json.Nodes;
using Hub.Inference.Models;

namespace Hub.Inference.Text;

/// <summary>
/// Chooses the tokenizer of a model: <c>tokenizer.json</c> through the HF Rust tokenizer (Tokenizers.DotNet), which is
/// the reference; otherwise <c>vocab.txt</c> through FastBertTokenizer (identical ids except for words over 100 characters).
/// </summary>
internal static class TokenizerLoader
{
    private const int RawTokenLimit = 16_384;

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
        var lowercase = document["normalizer"]?["lowercase"]?.GetValue<bool>() ?? false;
        var tokenizer = new Tokenizers.DotNet.Tokenizer(path);
        return new WordPieceTextTokenizer("tokenizer.json (HF tokenizers)",
            text => Array.ConvertAll(tokenizer.Encode(text), id => (long)id), tokenizer, vocabulary, lowercase);
    }

    private static WordPieceTextTokenizer FromVocab(string path, JsonObject? tokenizerConfig)
    {
        var lowercase = tokenizerConfig?["do_lower_case"]?.GetValue<bool>() ?? true;
        var lines = File.ReadAllText(path).Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        if (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        var tokenizer = new FastBertTokenizer.BertTokenizer();
        using (var reader = new StringReader(string.Join('\n', lines)))
            tokenizer.LoadVocabulary(reader, lowercase, "[UNK]", "[CLS]", "[SEP]", "[PAD]", NormalizationForm.FormD);
        return new WordPieceTextTokenizer("vocab.txt (WordPiece)",
            text => tokenizer.Encode(text, RawTokenLimit, null).InputIds.ToArray(), null, [.. lines], lowercase);
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
