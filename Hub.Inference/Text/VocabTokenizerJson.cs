using System.Text.Json.Nodes;

namespace Hub.Inference.Text;

/// <summary>
/// The tokenizer.json that HF's <c>BertTokenizerFast</c> builds from a <c>vocab.txt</c> (BertNormalizer, BertPreTokenizer,
/// WordPiece, <c>[CLS] A [SEP]</c> template, the special tokens as added tokens so <c>[MASK]</c> in a text stays one
/// token), so repos that ship only a vocabulary run through the same Rust tokenizer.
/// </summary>
internal static class VocabTokenizerJson
{
    public static string Create(IReadOnlyList<string> vocabulary, bool lowercase, bool? stripAccents)
    {
        var vocab = new JsonObject();
        var ids = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Count; i++)
            if (ids.TryAdd(vocabulary[i], i)) vocab[vocabulary[i]] = i;
        JsonObject Special(string token) => new() { ["id"] = token, ["ids"] = new JsonArray(ids.GetValueOrDefault(token)), ["tokens"] = new JsonArray(token) };
        JsonObject Piece(string kind, string id, int type) => new() { [kind] = new JsonObject { ["id"] = id, ["type_id"] = type } };
        var added = new JsonArray();
        foreach (var token in new[] { "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]" })
            if (ids.TryGetValue(token, out var id))
                added.Add(new JsonObject
                {
                    ["id"] = id, ["content"] = token, ["single_word"] = false, ["lstrip"] = false, ["rstrip"] = false, ["normalized"] = false, ["special"] = true,
                });
        return new JsonObject
        {
            ["version"] = "1.0",
            ["truncation"] = null,
            ["padding"] = null,
            ["added_tokens"] = added,
            ["normalizer"] = new JsonObject { ["type"] = "BertNormalizer", ["clean_text"] = true, ["handle_chinese_chars"] = true, ["strip_accents"] = stripAccents, ["lowercase"] = lowercase },
            ["pre_tokenizer"] = new JsonObject { ["type"] = "BertPreTokenizer" },
            ["post_processor"] = new JsonObject
            {
                ["type"] = "TemplateProcessing",
                ["single"] = new JsonArray(Piece("SpecialToken", "[CLS]", 0), Piece("Sequence", "A", 0), Piece("SpecialToken", "[SEP]", 0)),
                ["pair"] = new JsonArray(Piece("SpecialToken", "[CLS]", 0), Piece("Sequence", "A", 0), Piece("SpecialToken", "[SEP]", 0), Piece("Sequence", "B", 1), Piece("SpecialToken", "[SEP]", 1)),
                ["special_tokens"] = new JsonObject { ["[CLS]"] = Special("[CLS]"), ["[SEP]"] = Special("[SEP]") },
            },
            ["decoder"] = new JsonObject { ["type"] = "WordPiece", ["prefix"] = "##", ["cleanup"] = true },
            ["model"] = new JsonObject { ["type"] = "WordPiece", ["unk_token"] = "[UNK]", ["continuing_subword_prefix"] = "##", ["max_input_chars_per_word"] = 100, ["vocab"] = vocab },
        }.ToJsonString();
    }
}
