using System.Text;

namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// Small real ONNX models with known weights, so tests can compute the expected scores themselves: a vocabulary of
/// whole lower-case words (each word one token), a text classifier (sum of token embeddings → linear layer; the
/// padding row is zero so batching cannot change it) and a token classifier (embedding → linear layer per token).
/// </summary>
public static class TinyModels
{
    public static readonly string[] Vocabulary =
    [
        "[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "the", "movie", "was", "great", "terrible", "sarah", "lives", "in", "new", "york", "and", "paris", "bob",
    ];

    public const int Dim = 4;

    public static readonly string[] SentimentLabels = ["NEGATIVE", "POSITIVE"];

    public static readonly string[] EntityLabels = ["O", "B-PER", "I-PER", "B-LOC", "I-LOC"];

    public static byte[] VocabTxt => Encoding.UTF8.GetBytes(string.Join('\n', Vocabulary) + "\n");

    public static long Id(string token) => Array.IndexOf(Vocabulary, token);

    /// <summary>Embeddings [vocab, 4] with a zero padding row; deterministic.</summary>
    public static float[] Embeddings { get; } = MakeEmbeddings();

    public static float[] SentimentWeights { get; } = [1.5f, -0.5f, 0.25f, -1f, 0.75f, 2f, -1.25f, 0.5f]; // [4, 2]

    public static float[] SentimentBias { get; } = [0.1f, -0.2f];

    /// <summary>Per-token logits [vocab, 5] (word → label scores) for the token classifier; the graph is Gather then identity.</summary>
    public static float[] EntityLogits { get; } = MakeEntityLogits();

    public static byte[] TextClassifier() => new OnnxGraphWriter()
        .Input("input_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
        .Output("logits", OnnxGraphWriter.FloatType, "batch", 2L)
        .Initializer("embeddings", Embeddings, Vocabulary.Length, Dim)
        .Initializer("axes", [1L], 1)
        .Initializer("weights", SentimentWeights, Dim, 2)
        .Initializer("bias", SentimentBias, 2)
        .Node("Gather", ["embeddings", "input_ids"], ["embedded"])
        .Node("ReduceSum", ["embedded", "axes"], ["pooled"], ("keepdims", 0))
        .Node("MatMul", ["pooled", "weights"], ["projected"])
        .Node("Add", ["projected", "bias"], ["logits"])
        .ToArray();

    public static byte[] TokenClassifier() => new OnnxGraphWriter()
        .Input("input_ids", OnnxGraphWriter.Int64Type, "batch", "sequence")
        .Output("logits", OnnxGraphWriter.FloatType, "batch", "sequence", (long)EntityLabels.Length)
        .Initializer("table", EntityLogits, Vocabulary.Length, EntityLabels.Length)
        .Node("Gather", ["table", "input_ids"], ["logits"])
        .ToArray();

    /// <summary>Two inputs of different dtypes: <c>y = x + float(k)</c> (FP32) and <c>k2 = k * k</c> (INT64), shapes [batch, 3].</summary>
    public static byte[] TwoInputModel() => new OnnxGraphWriter()
        .Input("x", OnnxGraphWriter.FloatType, "batch", 3L)
        .Input("k", OnnxGraphWriter.Int64Type, "batch", 3L)
        .Output("y", OnnxGraphWriter.FloatType, "batch", 3L)
        .Output("k2", OnnxGraphWriter.Int64Type, "batch", 3L)
        .Node("Cast", ["k"], ["kf"], ("to", OnnxGraphWriter.FloatType))
        .Node("Add", ["x", "kf"], ["y"])
        .Node("Mul", ["k", "k"], ["k2"])
        .ToArray();

    public static byte[] Config(string[] labels, string architecture) => Encoding.UTF8.GetBytes(
        "{\"architectures\": [\"" + architecture + "\"], \"model_type\": \"bert\", \"id2label\": {" +
        string.Join(", ", labels.Select((l, i) => $"\"{i}\": \"{l}\"")) + "}}");

    private static float[] MakeEmbeddings()
    {
        var random = new Random(42);
        var e = new float[Vocabulary.Length * Dim];
        for (var i = Dim; i < e.Length; i++) e[i] = (float)Math.Round(random.NextDouble() * 2 - 1, 3);
        return e;
    }

    private static float[] MakeEntityLogits()
    {
        var table = new float[Vocabulary.Length * EntityLabels.Length];
        for (var w = 0; w < Vocabulary.Length; w++)
        {
            var label = Vocabulary[w] switch { "sarah" or "bob" => 1, "new" => 3, "york" => 4, "paris" => 3, _ => 0 };
            for (var l = 0; l < EntityLabels.Length; l++)
                table[w * EntityLabels.Length + l] = l == label ? 2.5f + w * 0.1f : 0.2f * ((w + l) % 3);
        }
        return table;
    }
}
