namespace Hub.Inference.Pipelines;

/// <summary>The score functions of the HF pipelines.</summary>
internal static class Scores
{
    public static double[] Softmax(ReadOnlySpan<float> logits)
    {
        var max = double.NegativeInfinity;
        foreach (var v in logits) max = Math.Max(max, v);
        var result = new double[logits.Length];
        var sum = 0.0;
        for (var i = 0; i < logits.Length; i++) sum += result[i] = Math.Exp(logits[i] - max);
        for (var i = 0; i < result.Length; i++) result[i] /= sum;
        return result;
    }

    public static double[] Sigmoid(ReadOnlySpan<float> logits)
    {
        var result = new double[logits.Length];
        for (var i = 0; i < logits.Length; i++) result[i] = 1 / (1 + Math.Exp(-logits[i]));
        return result;
    }

    public static double[] Apply(string function, ReadOnlySpan<float> logits) => function switch
    {
        "sigmoid" => Sigmoid(logits),
        "none" => [.. logits.ToArray().Select(v => (double)v)],
        "softmax" => Softmax(logits),
        // A misspelt function was silently softmax: the caller got scores of a function they did not ask for.
        _ => throw new ArgumentException($"'function_to_apply' must be sigmoid, softmax or none; got '{function}'."),
    };
}
