using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>Embeddings in the answers of OpenAI (<c>/v1/embeddings</c>) and TEI (<c>/embed</c>), hf-api.md §3.3.</summary>
internal static class EmbeddingRunner
{
    public static Task<IResult> OpenAiAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct)
    {
        var base64 = body["encoding_format"] is JsonValue f && f.TryGetValue<string>(out var format) && format == "base64";
        var dimensions = body["dimensions"] is JsonValue d && d.TryGetValue<int>(out var n) ? n : (int?)null;
        return InferenceFailures.GuardAsync(async () =>
        {
            var texts = InferenceJson.Texts(body["input"], "input");
            var result = await inference.EmbedAsync(call.Model, texts, true, ct);
            var data = new OpenAiEmbedding[result.Vectors.Length];
            for (var i = 0; i < data.Length; i++)
            {
                var v = result.Vectors[i];
                var vector = dimensions is > 0 && dimensions < v.Length ? v[..dimensions.Value] : v;
                data[i] = new OpenAiEmbedding(base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector, i);
            }
            return TypedResults.Json(new OpenAiEmbeddings(data, call.Model.RepoName, new OpenAiUsage(result.Tokens, result.Tokens)));
        }, InferenceFailures.OpenAiError);
    }

    public static Task<IResult> TeiAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var result = await inference.EmbedAsync(call.Model, InferenceJson.Texts(body["inputs"]), InferenceJson.BoolParameter(body, "normalize") ?? true, ct);
            return TypedResults.Json(result.Vectors);
        }, InferenceFailures.TeiError);
}
