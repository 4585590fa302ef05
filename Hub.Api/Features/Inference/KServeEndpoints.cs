using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>
/// KServe v2 / Open Inference Protocol over REST (hf-api.md §3.2) for raw tensors of any ONNX model. The model name is
/// the repo id with <c>/</c> replaced by <c>--</c>; the version is a commit sha (or any revision), default the head of
/// the default branch. Health answers also say which execution provider the worker runs on.
/// </summary>
public static class KServeEndpoints
{
    private const string Model = "/v2/models/{model}";
    private const string Versioned = "/v2/models/{model}/versions/{version}";

    public static IEndpointRouteBuilder MapKServeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2", () => TypedResults.Json(new { name = "hub", version = "1", extensions = Array.Empty<string>() }));
        app.MapGet("/v2/health/live", (InferenceService s) => TypedResults.Json(new { live = true, provider = s.Provider }));
        app.MapGet("/v2/health/ready", (InferenceService s) => TypedResults.Json(new { ready = true, live = true, provider = s.Provider, worker = s.Health() }));
        foreach (var route in new[] { Model, Versioned })
        {
            app.MapGet(route, (HttpContext c, string model, string? version, InferenceModels m, InferenceService s, CancellationToken ct) => MetadataAsync(c, model, version, m, s, ct));
            app.MapGet(route + "/ready", (HttpContext c, string model, string? version, InferenceModels m, InferenceService s, CancellationToken ct) => ReadyAsync(c, model, version, m, s, ct));
            app.MapPost(route + "/infer", (HttpContext c, string model, string? version, InferenceModels m, InferenceService s, CancellationToken ct) => InferAsync(c, model, version, m, s, ct));
            app.MapGet(route + "/stats", (HttpContext c, string model, string? version, InferenceModels m, InferenceService s, CancellationToken ct) => StatsAsync(c, model, version, m, s, ct));
        }
        return app;
    }

    private static async Task<IResult> MetadataAsync(HttpContext context, string name, string? version, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (model, error) = await ResolveAsync(context, name, version, models, ct);
        if (error is not null) return error;
        return await InferenceFailures.GuardAsync(async () =>
        {
            var description = await inference.DescribeAsync(model!, ct);
            return TypedResults.Json(new JsonObject
            {
                ["name"] = name,
                ["versions"] = new JsonArray(model!.Commit),
                ["platform"] = "onnxruntime_onnx",
                ["inputs"] = new JsonArray([.. description.Inputs.Select(V2Tensors.Spec)]),
                ["outputs"] = new JsonArray([.. description.Outputs.Select(V2Tensors.Spec)]),
            });
        });
    }

    private static async Task<IResult> ReadyAsync(HttpContext context, string name, string? version, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (model, error) = await ResolveAsync(context, name, version, models, ct);
        if (error is not null) return error;
        // Ready means loadable: the first probe loads the model, later ones answer from memory.
        return await InferenceFailures.GuardAsync(async () =>
        {
            await inference.LoadAsync(model!, ct);
            return TypedResults.Json(new { name, ready = true });
        });
    }

    private static async Task<IResult> InferAsync(HttpContext context, string name, string? version, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (model, error) = await ResolveAsync(context, name, version, models, ct);
        if (error is not null) return error;
        var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(context.Request, ct);
        if (bodyError is not null) return bodyError;
        return await InferenceFailures.GuardAsync(async () =>
        {
            var inputs = (body!["inputs"] as JsonArray ?? throw new ArgumentException("'inputs' must be a list of tensors.")).Select(V2Tensors.Parse).ToList();
            var outputNames = (body["outputs"] as JsonArray)?.Select(o => o!["name"]!.GetValue<string>()).ToList();
            var outputs = await inference.InferAsync(model!, inputs, outputNames, ct);
            var response = new JsonObject { ["model_name"] = name, ["model_version"] = model!.Commit };
            if (body["id"] is JsonValue id) response["id"] = id.DeepClone();
            response["outputs"] = new JsonArray([.. outputs.Select(V2Tensors.Write)]);
            return TypedResults.Json(response);
        });
    }

    private static async Task<IResult> StatsAsync(HttpContext context, string name, string? version, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (model, error) = await ResolveAsync(context, name, version, models, ct);
        if (error is not null) return error;
        var stats = inference.Stats(model!);
        return TypedResults.Json(new
        {
            model_name = name,
            model_version = model!.Commit,
            requests = stats.Requests,
            session_runs = stats.SessionRuns,
            rejected = stats.Rejected,
            batch_sizes = stats.BatchSizes,
            queue_ms_p50 = stats.QueueMsP50,
            queue_ms_p99 = stats.QueueMsP99,
            run_ms_p50 = stats.RunMsP50,
            run_ms_p99 = stats.RunMsP99,
        });
    }

    private static async Task<(Hub.Inference.Models.ModelRef? Model, IResult? Error)> ResolveAsync(
        HttpContext context, string name, string? version, InferenceModels models, CancellationToken ct)
    {
        if (InferenceModels.ParseV2Name(name) is not { } id)
            return (null, new HfError(404, $"Unknown model '{name}': v2 names are the repo id with '/' replaced by '--'."));
        var (model, _, error) = await models.ResolveAsync(context, id.Ns, id.Name, version, ct);
        return (model, error);
    }
}
