using Hub.Inference.Runtime;

namespace Hub.Inference.Pipelines;

/// <summary>
/// Sentence embeddings: the model's <c>sentence_embedding</c> output when it has one, else its token embeddings pooled
/// as <c>1_Pooling/config.json</c> says (CLS, max or mean; mean by default), then L2-normalised on request.
/// </summary>
internal static class FeatureExtraction
{
    public static async Task<EmbeddingResult> EmbedAsync(LoadedModel model, IReadOnlyList<string> texts, bool normalize, int maxLength, CancellationToken cancellationToken)
    {
        var tokenizer = model.RequireTokenizer();
        var encoded = texts.Select(t => tokenizer.Encode(t, maxLength)).ToList();
        var rows = await model.RunTextAsync(encoded, cancellationToken);
        var vectors = rows.Select(row => Pool(model, row)).ToArray();
        if (normalize)
            foreach (var v in vectors) Normalize(v);
        return new EmbeddingResult(vectors, encoded.Sum(e => e.Length));
    }

    private static float[] Pool(LoadedModel model, IReadOnlyDictionary<string, RowTensor> row)
    {
        if (row.TryGetValue("sentence_embedding", out var sentence)) return sentence.Data;
        var tokens = row.TryGetValue("last_hidden_state", out var hidden) ? hidden
            : row.Values.FirstOrDefault(r => r.Shape.Length == 2)
            ?? row.Values.First();
        if (tokens.Shape.Length != 2) return tokens.Data;
        var (count, width) = (tokens.Shape[0], tokens.Shape[1]);
        var pooling = model.Files.Pooling;
        var span = tokens.Data.AsSpan();
        if (pooling?["pooling_mode_cls_token"]?.GetValue<bool>() == true) return span[..width].ToArray();
        var result = new float[width];
        if (pooling?["pooling_mode_max_tokens"]?.GetValue<bool>() == true)
        {
            Array.Fill(result, float.NegativeInfinity);
            for (var t = 0; t < count; t++)
                for (var j = 0; j < width; j++) result[j] = Math.Max(result[j], span[t * width + j]);
            return result;
        }
        for (var t = 0; t < count; t++)
            for (var j = 0; j < width; j++) result[j] += span[t * width + j];
        for (var j = 0; j < width; j++) result[j] /= count;
        return result;
    }

    internal static void Normalize(float[] vector)
    {
        var sum = 0d;
        foreach (var v in vector) sum += (double)v * v;
        var norm = Math.Sqrt(sum);
        if (norm < 1e-12) return;
        for (var i = 0; i < vector.Length; i++) vector[i] = (float)(vector[i] / norm);
    }
}
