using System.Text.Json.Nodes;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>KServe v2 / Open Inference Protocol answers on the worker (hf-api.md §3.2): metadata, ready, infer, and the model's figures.</summary>
internal static class KServeRunner
{
    public static Task<IResult> MetadataAsync(InferenceCall call, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var description = await inference.DescribeAsync(call.Model, ct);
            return TypedResults.Json(new JsonObject
            {
                ["name"] = call.Model.V2Name,
                ["versions"] = new JsonArray(call.Model.Commit),
                ["platform"] = "onnxruntime_onnx",
                ["inputs"] = new JsonArray([.. description.Inputs.Select(V2Tensors.Spec)]),
                ["outputs"] = new JsonArray([.. description.Outputs.Select(V2Tensors.Spec)]),
            });
        });

    /// <summary>Ready means loadable: the first probe loads the model, later ones answer from memory.</summary>
    public static Task<IResult> ReadyAsync(InferenceCall call, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            await inference.LoadAsync(call.Model, ct);
            return TypedResults.Json(new { name = call.Model.V2Name, ready = true });
        });

    public static Task<IResult> InferAsync(InferenceCall call, JsonObject body, InferenceService inference, CancellationToken ct) =>
        InferenceFailures.GuardAsync(async () =>
        {
            var inputs = (body["inputs"] as JsonArray ?? throw new ArgumentException("'inputs' must be a list of tensors.")).Select(V2Tensors.Parse).ToList();
            var outputNames = (body["outputs"] as JsonArray)?.Select(o => o is JsonObject output && output["name"] is JsonValue n && n.TryGetValue<string>(out var outputName)
                ? outputName : throw new ArgumentException("Each requested output needs a 'name' string.")).ToList();
            var outputs = await inference.InferAsync(call.Model, inputs, outputNames, ct);
            var response = new JsonObject { ["model_name"] = call.Model.V2Name, ["model_version"] = call.Model.Commit };
            if (body["id"] is JsonValue id) response["id"] = id.DeepClone();
            response["outputs"] = new JsonArray([.. outputs.Select(V2Tensors.Write)]);
            return TypedResults.Json(response);
        });

    public static IResult Stats(InferenceCall call, InferenceService inference) =>
        TypedResults.Json(V2Stats.From(call.Model, inference.Stats(call.Model)));
}
