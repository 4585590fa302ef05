namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// More small real ONNX models over <see cref="TinyModels.Vocabulary"/> with known weights: a masked language model
/// whose logits depend on the token and its position, an NLI classifier over (premise, hypothesis) pairs with token
/// types, and a graph slow enough to be cancelled while it runs.
/// </summary>
public static class TinyTaskModels
{
    public const int MaxPositions = 16;

    public static readonly string[] NliLabels = ["contradiction", "neutral", "entailment"];

    private static int Vocab => TinyModels.Vocabulary.Length;

    /// <summary>Masked LM logits [vocab, vocab] by token.</summary>
    public static float[] TokenLogits { get; } = Table(Vocab, Vocab, 11, (row, column) =>
        row == TinyModels.Id("[MASK]") && TinyModels.Vocabulary[column] is "great" or "terrible" ? 3f : 0f);

    /// <summary>Masked LM logits [positions, vocab] added by position.</summary>
    public static float[] PositionLogits { get; } = Table(MaxPositions, Vocab, 12, (_, _) => 0f);

    /// <summary>NLI token-type embeddings [2, 4]: type 0 (and padding) adds nothing.</summary>
    public static float[] TypeEmbeddings { get; } = [0, 0, 0, 0, 0.5f, -0.25f, 0.75f, 0.125f];

    public static float[] NliWeights { get; } = [0.5f, -1f, 1.25f, 1f, 0.25f, -0.5f, -0.75f, 0.5f, 1.5f, 0.25f, -1.25f, 0.75f]; // [4, 3]

    public static float[] NliBias { get; } = [0.05f, 0f, -0.05f];

    /// <summary><c>logits[b, t] = TokenLogits[id] + PositionLogits[t]</c>.</summary>
    public static byte[] MaskedLm() => new OnnxGraphWriter()
        .Input("input_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
        .Output("logits", OnnxGraphWriter.FloatType, "batch", "sequence", (long)Vocab)
        .Initializer("token_logits", TokenLogits, Vocab, Vocab)
        .Initializer("position_logits", PositionLogits, MaxPositions, Vocab)
        .Initializer("zero", [0L])
        .Initializer("one", [1L])
        .Node("Shape", ["input_ids"], ["shape"])
        .Node("Gather", ["shape", "one"], ["length"])
        .Node("Range", ["zero", "length", "one"], ["positions"])
        .Node("Gather", ["position_logits", "positions"], ["by_position"])
        .Node("Gather", ["token_logits", "input_ids"], ["by_token"])
        .Node("Add", ["by_token", "by_position"], ["logits"])
        .ToArray();

    /// <summary><c>logits = (Σ_t Embeddings[id_t] + TypeEmbeddings[type_t]) · NliWeights + NliBias</c>.</summary>
    public static byte[] Nli() => new OnnxGraphWriter()
        .Input("input_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
        .Input("token_type_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
        .Output("logits", OnnxGraphWriter.FloatType, "batch", 3L)
        .Initializer("embeddings", TinyModels.Embeddings, Vocab, TinyModels.Dim)
        .Initializer("types", TypeEmbeddings, 2, TinyModels.Dim)
        .Initializer("axes", [1L], 1)
        .Initializer("weights", NliWeights, TinyModels.Dim, 3)
        .Initializer("bias", NliBias, 3)
        .Node("Gather", ["embeddings", "input_ids"], ["by_token"])
        .Node("Gather", ["types", "token_type_ids"], ["by_type"])
        .Node("Add", ["by_token", "by_type"], ["embedded"])
        .Node("ReduceSum", ["embedded", "axes"], ["pooled"], ("keepdims", 0))
        .Node("MatMul", ["pooled", "weights"], ["projected"])
        .Node("Add", ["projected", "bias"], ["logits"])
        .ToArray();

    /// <summary>
    /// x [1, 1] → expanded to [size, size] → <paramref name="steps"/> chained MatMuls → sum [1, 1]: seconds of work on
    /// any CPU, in many nodes, so a terminated run stops long before it would end.
    /// </summary>
    public static byte[] Slow(int size = 2048, int steps = 400)
    {
        var graph = new OnnxGraphWriter()
            .Input("x", OnnxGraphWriter.FloatType, 1L, 1L)
            .Output("y", OnnxGraphWriter.FloatType, 1L, 1L)
            .Initializer("shape", new long[] { size, size }, 2)
            .Node("Expand", ["x", "shape"], ["m0"]);
        for (var i = 1; i <= steps; i++) graph.Node("MatMul", [$"m{i - 1}", "m0"], [$"m{i}"]);
        return graph.Node("ReduceSum", [$"m{steps}"], ["y"], ("keepdims", 1)).ToArray();
    }

    public static float[] Row(float[] table, int width, long row) => table.AsSpan((int)row * width, width).ToArray();

    private static float[] Table(int rows, int columns, int seed, Func<int, int, float> bias)
    {
        var random = new Random(seed);
        var table = new float[rows * columns];
        for (var r = 0; r < rows; r++)
            for (var c = 0; c < columns; c++)
                table[r * columns + c] = (float)Math.Round(random.NextDouble() * 2 - 1, 3) + bias(r, c);
        return table;
    }
}
