using System.Text;

namespace Hub.Inference.Text;

/// <summary>
/// The BERT-family tokenizer behind <see cref="ITextTokenizer"/>: the ids come from the HF Rust tokenizer; offsets,
/// pairs, truncation and decoding are done here from the vocabulary, because the .NET binding returns ids only.
/// </summary>
internal sealed class WordPieceTextTokenizer : ITextTokenizer
{
    private readonly Func<string, long[]> encode;
    private readonly IDisposable? owner;
    private readonly string[] vocabulary;
    private readonly HashSet<long> specialIds;
    private readonly long sepId;
    private readonly long unkId;
    private readonly Lock gate = new();

    public WordPieceTextTokenizer(string kind, Func<string, long[]> encode, IDisposable? owner, string[] vocabulary)
    {
        Kind = kind;
        this.encode = encode;
        this.owner = owner;
        this.vocabulary = vocabulary;
        var ids = new Dictionary<string, long>(StringComparer.Ordinal);
        for (var i = 0; i < vocabulary.Length; i++) ids.TryAdd(vocabulary[i], i);
        sepId = ids.GetValueOrDefault("[SEP]", 102);
        unkId = ids.GetValueOrDefault("[UNK]", 100);
        MaskTokenId = ids.TryGetValue("[MASK]", out var mask) ? mask : null;
        specialIds = [.. new[] { "[CLS]", "[SEP]", "[PAD]", "[MASK]" }.Where(ids.ContainsKey).Select(t => ids[t])];
    }

    public string Kind { get; }

    public long? MaskTokenId { get; }

    public TokenizedText Encode(string text, int maxLength)
    {
        var ids = Truncate(EncodeRaw(text), maxLength);
        return new TokenizedText(ids, new long[ids.Length], SpecialFlags(ids), () => TokenOffsets.Align(text, ids, this, unkId));
    }

    public TokenizedText EncodePair(string first, string second, int maxLength)
    {
        var a = EncodeRaw(first);
        var b = EncodeRaw(second);
        // Both carry [CLS] ... [SEP]; the pair is [CLS] a [SEP] b [SEP]. Truncate the longer body first, as HF's longest_first.
        var bodyA = a[1..^1].ToList();
        var bodyB = b[1..^1].ToList();
        while (bodyA.Count + bodyB.Count + 3 > maxLength && bodyA.Count + bodyB.Count > 0)
        {
            if (bodyA.Count >= bodyB.Count) bodyA.RemoveAt(bodyA.Count - 1);
            else bodyB.RemoveAt(bodyB.Count - 1);
        }
        long[] ids = [a[0], .. bodyA, sepId, .. bodyB, sepId];
        var types = new long[ids.Length];
        for (var i = bodyA.Count + 2; i < ids.Length; i++) types[i] = 1;
        return new TokenizedText(ids, types, SpecialFlags(ids));
    }

    public string TokenString(long id) => id >= 0 && id < vocabulary.Length ? vocabulary[id] : "[UNK]";

    public string TokensToString(IEnumerable<long> ids) => Join(ids.Where(id => !specialIds.Contains(id)));

    public string Decode(IEnumerable<long> ids) => CleanUp(TokensToString(ids));

    public string DecodeWithSpecialTokens(IEnumerable<long> ids) => CleanUp(Join(ids));

    private string Join(IEnumerable<long> ids) =>
        string.Join(' ', ids.Select(TokenString)).Replace(" ##", "", StringComparison.Ordinal).Trim();

    private static string CleanUp(string joined)
    {
        var text = new StringBuilder(joined);
        foreach (var (from, to) in CleanUps) text.Replace(from, to);
        return text.ToString();
    }

    public void Dispose() => owner?.Dispose();

    private static readonly (string, string)[] CleanUps =
    [
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"), (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ];

    private bool[] SpecialFlags(long[] ids)
    {
        var flags = new bool[ids.Length];
        for (var i = 0; i < ids.Length; i++) flags[i] = specialIds.Contains(ids[i]);
        return flags;
    }

    private long[] EncodeRaw(string text)
    {
        lock (gate) return encode(text);
    }

    private long[] Truncate(long[] ids, int maxLength) =>
        ids.Length <= maxLength ? ids : [.. ids[..(maxLength - 1)], ids[^1]];
}
