namespace Hub.Inference.Text;

/// <summary>Turns text into the token ids a model was trained on, with the HF tokenizer's exact results.</summary>
internal interface ITextTokenizer : IDisposable
{
    /// <summary>"tokenizer.json (HF tokenizers)" or "vocab.txt (WordPiece)": which implementation serves the model.</summary>
    string Kind { get; }

    /// <summary>The id of the mask token, or null when the vocabulary has none.</summary>
    long? MaskTokenId { get; }

    /// <summary>One sequence with special tokens, truncated to <paramref name="maxLength"/> tokens.</summary>
    TokenizedText Encode(string text, int maxLength);

    /// <summary>A pair (<c>[CLS] a [SEP] b [SEP]</c>, type ids 0 then 1), truncating the longer side first.</summary>
    TokenizedText EncodePair(string first, string second, int maxLength);

    /// <summary>The vocabulary string of a token.</summary>
    string TokenString(long id);

    /// <summary>Joins tokens as the HF tokenizer's <c>convert_tokens_to_string</c> does (no special tokens).</summary>
    string TokensToString(IEnumerable<long> ids);

    /// <summary>Decodes without special tokens and with the HF clean-up of spaces before punctuation.</summary>
    string Decode(IEnumerable<long> ids);

    /// <summary>Decodes as <see cref="Decode"/> but keeps special tokens (HF <c>skip_special_tokens=False</c>).</summary>
    string DecodeWithSpecialTokens(IEnumerable<long> ids);
}
