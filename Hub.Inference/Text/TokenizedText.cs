namespace Hub.Inference.Text;

/// <summary>
/// One encoded sequence: token ids with the model's special tokens, token type ids, and for each token the span of the
/// original text it came from (<c>(0, 0)</c> for special tokens). The spans are found on first use: only
/// token-classification needs them, and aligning costs more than encoding.
/// </summary>
internal sealed class TokenizedText(long[] ids, long[] typeIds, bool[] special, Func<(int Start, int End)[]>? align = null)
{
    private (int Start, int End)[]? offsets;

    public long[] Ids => ids;

    public long[] TypeIds => typeIds;

    public bool[] Special => special;

    public (int Start, int End)[] Offsets => offsets ??= align?.Invoke() ?? new (int, int)[ids.Length];

    public int Length => ids.Length;
}
