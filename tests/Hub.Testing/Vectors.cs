using System.Text.Json.Nodes;

namespace Hub.Testing;

/// <summary>The two MiniLM reference sentences and vector helpers.</summary>
public static class Vectors
{
    public const string Food = "A man is eating food.";
    public const string Bread = "A man is eating a piece of bread.";

    /// <summary>all-MiniLM-L6-v2's cosine for <see cref="Food"/> and <see cref="Bread"/> (sentence-transformers reference).</summary>
    public const double ExpectedCosine = 0.755;

    public static float[] Of(JsonNode node) => [.. node.AsArray().Select(v => v!.GetValue<float>())];

    public static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            dot += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return dot / Math.Sqrt(na * nb);
    }
}
