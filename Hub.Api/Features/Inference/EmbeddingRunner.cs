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
            return (IResult)new EmbeddingsJsonResult(result.Vectors, openAi: true, call.Model.RepoName, result.Tokens, dimensions, base64);
        }, InferenceFailures.OpenAiError);
    }

    public static Task<IResult> TeiAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var result = await inference.EmbedAsync(call.Model, InferenceJson.Texts(body["inputs"]), InferenceJson.BoolParameter(body, "normalize") ?? true, ct);
            return (IResult)new EmbeddingsJsonResult(result.Vectors, openAi: false);
        }, InferenceFailures.TeiError);
}
