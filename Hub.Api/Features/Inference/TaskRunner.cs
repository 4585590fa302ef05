using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Runs an HF task on the worker (hf-api.md §3.1): the task API's <c>{"inputs", "parameters"}</c> in, the shapes the
/// Python and JS clients validate out.
/// </summary>
internal static class TaskRunner
{
    public const string Served = "feature-extraction, sentence-similarity, text-classification, token-classification, fill-mask, zero-shot-classification, image-classification";

    public static Task<IResult> RunAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct)
    {
        var model = call.Model;
        return InferenceFailures.GuardAsync(async () => call.Task switch
        {
            "feature-extraction" => TypedResults.Json((await inference.EmbedAsync(model, InferenceJson.Texts(body["inputs"]),
                InferenceJson.BoolParameter(body, "normalize") ?? true, ct)).Vectors),
            "sentence-similarity" => TypedResults.Json(await inference.SimilarityAsync(model,
                InferenceJson.Text(body["inputs"]?["source_sentence"]), InferenceJson.Texts(body["inputs"]?["sentences"], "sentences"), ct)),
            "text-classification" or "sentiment-analysis" => TypedResults.Json((await inference.ClassifyAsync(model, InferenceJson.Texts(body["inputs"]),
                InferenceJson.StringParameter(body, "function_to_apply"), InferenceJson.IntParameter(body, "top_k"), ct))
                .Select(scores => scores.Select(s => new { label = s.Label, score = s.Score }))),
            "token-classification" or "ner" => TypedResults.Json((await inference.ClassifyTokensAsync(model, InferenceJson.Text(body["inputs"]),
                InferenceJson.StringParameter(body, "aggregation_strategy") ?? "simple", InferenceJson.StringsParameter(body, "ignore_labels") ?? ["O"], ct))
                .Select(TokenEntityJson)),
            "fill-mask" => FillMaskJson(await inference.FillMaskAsync(model, InferenceJson.Text(body["inputs"]),
                InferenceJson.IntParameter(body, "top_k") ?? 5, InferenceJson.StringsParameter(body, "targets"), ct)),
            "zero-shot-classification" => await ZeroShotAsync(call, body, inference, ct),
            "image-classification" => await ClassifyImageAsync(call, Base64Image(body["inputs"]), body, inference, ct),
            _ => HfErrors.BadRequest($"The task '{call.Task}' is not served here ({Served})."),
        });
    }

    /// <summary>image-classification on the image's bytes; <paramref name="body"/> holds the parameters when the image came as base64 JSON.</summary>
    public static Task<IResult> ClassifyImageAsync(InferenceCall call, ReadOnlyMemory<byte> image, JsonObject? body, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var scores = await inference.ClassifyImageAsync(call.Model, image,
                body is null ? null : InferenceJson.StringParameter(body, "function_to_apply"), body is null ? null : InferenceJson.IntParameter(body, "top_k"), ct);
            return TypedResults.Json(scores.Select(s => new { label = s.Label, score = s.Score }));
        });

    /// <summary>An image sent as base64 (optionally as a data URL).</summary>
    /// <summary>
    /// One entity as the HF pipeline answers it. Aggregated (the default): <c>entity_group</c>. Per token (<c>none</c>):
    /// <c>entity</c> and <c>index</c> as Python reads them, and <c>entity_group</c> too, which the JS client requires.
    /// </summary>
    private static JsonObject TokenEntityJson(Hub.Inference.Pipelines.TokenEntity e)
    {
        var json = new JsonObject { ["entity_group"] = e.EntityGroup, ["score"] = e.Score, ["word"] = e.Word, ["start"] = e.Start, ["end"] = e.End };
        if (e.Index is { } index)
        {
            json["entity"] = e.EntityGroup;
            json["index"] = index;
        }
        return json;
    }

    /// <summary>As the HF pipeline: the candidates of a single mask as a flat list, of several masks as a list per mask.</summary>
    private static IResult FillMaskJson(IReadOnlyList<IReadOnlyList<Hub.Inference.Pipelines.FillMaskCandidate>> masks)
    {
        static object Candidates(IReadOnlyList<Hub.Inference.Pipelines.FillMaskCandidate> candidates) =>
            candidates.Select(f => new { score = f.Score, token = f.Token, token_str = f.TokenStr, sequence = f.Sequence }).ToArray();
        return masks.Count == 1 ? TypedResults.Json(Candidates(masks[0])) : TypedResults.Json(masks.Select(Candidates).ToArray());
    }

    private static byte[] Base64Image(JsonNode? inputs)
    {
        var text = InferenceJson.Text(inputs);
        var comma = text.StartsWith("data:", StringComparison.Ordinal) ? text.IndexOf(',', StringComparison.Ordinal) : -1;
        try
        {
            return Convert.FromBase64String(comma >= 0 ? text[(comma + 1)..] : text);
        }
        catch (FormatException)
        {
            throw new ArgumentException("'inputs' must be the image as base64.");
        }
    }

    private static async Task<IResult> ZeroShotAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct)
    {
        var text = InferenceJson.Text(body["inputs"]);
        var labels = InferenceJson.StringsParameter(body, "candidate_labels") ?? throw new ArgumentException("'parameters.candidate_labels' is required.");
        if (labels.Count == 0) throw new ArgumentException("'parameters.candidate_labels' must not be empty.");
        var scores = await inference.ZeroShotAsync(call.Model, text, labels, InferenceJson.BoolParameter(body, "multi_label") ?? false,
            InferenceJson.StringParameter(body, "hypothesis_template") ?? "This example is {}.", ct);
        // huggingface_hub 0.x only parses the legacy dict; everyone else gets the current flat list.
        return call.UserAgent?.Contains("hf_hub/0.", StringComparison.Ordinal) == true
            ? TypedResults.Json(new { sequence = text, labels = scores.Select(s => s.Label), scores = scores.Select(s => s.Score) })
            : TypedResults.Json(scores.Select(s => new { label = s.Label, score = s.Score }));
    }
}
