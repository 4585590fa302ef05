using System.Text.Json.Nodes;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>Embeddings in the answers of OpenAI (<c>/v1/embeddings</c>) and TEI (<c>/embed</c>), hf-api.md §3.3.</summary>
internal static class EmbeddingRunner
{
    public static Task<IResult> OpenAiAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct)
    {
        return InferenceFailures.GuardAsync(async () =>
        {
            var base64 = Base64(body);
            var dimensions = Dimensions(body);
            var texts = InferenceJson.Texts(body["input"], "input");
            var result = await inference.EmbedAsync(call.Model, texts, true, ct);
            return (IResult)new EmbeddingsJsonResult(result.Shortened(dimensions, normalize: true), openAi: true, call.Model.RepoName, result.Tokens, base64);
        }, InferenceFailures.OpenAiError);
    }

    public static Task<IResult> TeiAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var dimensions = Dimensions(body);
            var normalize = InferenceJson.BoolParameter(body, "normalize") ?? true;
            var result = await inference.EmbedAsync(call.Model, InferenceJson.Texts(body["inputs"]), normalize, ct);
            return (IResult)new EmbeddingsJsonResult(result.Shortened(dimensions, normalize), openAi: false);
        }, InferenceFailures.TeiError);

    /// <summary><c>encoding_format</c>: absent or <c>float</c>, or <c>base64</c>; anything else is refused as OpenAI does, not answered as floats.</summary>
    private static bool Base64(JsonObject body) => body["encoding_format"] switch
    {
        null => false,
        JsonValue v when v.TryGetValue<string>(out var format) && format is "float" or "base64" => format == "base64",
        _ => throw new ArgumentException("'encoding_format' must be 'float' or 'base64'."),
    };

    /// <summary><c>dimensions</c>: absent, or a positive integer (OpenAI refuses anything else with 400).</summary>
    private static int? Dimensions(JsonObject body) => body["dimensions"] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<int>(out var n) && n > 0 => n,
        _ => throw new ArgumentException("'dimensions' must be a positive integer."),
    };
}
