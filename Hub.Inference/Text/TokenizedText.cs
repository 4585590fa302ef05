namespace Hub.Inference.Text;

/// <summary>
/// One encoded sequence: token ids with the model's special tokens, token type ids, and for each token the span of the
/// original text it came from (<c>(0, 0)</c> for special tokens).
/// </summary>
internal sealed record TokenizedText(long[] Ids, long[] TypeIds, (int Start, int End)[] Offsets, bool[] Special)
{
    public int Length => Ids.Length;
}
