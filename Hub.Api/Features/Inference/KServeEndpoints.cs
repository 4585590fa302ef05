using Hub.Api.Auth;
using Hub.Api.Features.Inference.Pool;
using Hub.Api.Http;
using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>
/// KServe v2 / Open Inference Protocol over REST (hf-api.md §3.2) for raw tensors of any ONNX model. The model name is
/// the repo id with <c>/</c> replaced by <c>--</c>; the version is a commit sha (or any revision), default the head of
/// the default branch. Health answers also say which execution provider runs the models: this process's worker, or
/// the pool's workers when inference runs in other processes; site admins see the loaded models too.
/// </summary>
public static class KServeEndpoints
{
    private const string Model = "/v2/models/{model}";
    private const string Versioned = "/v2/models/{model}/versions/{version}";

    public static IEndpointRouteBuilder MapKServeEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/v2", () => TypedResults.Json(new { name = "hub", version = "1", extensions = Array.Empty<string>() }));
        app.MapGet("/v2/health/live", LiveAsync);
        app.MapGet("/v2/health/ready", ReadyAsync);
        foreach (var route in new[] { Model, Versioned })
        {
            app.MapGet(route, (HttpContext c, string model, string? version, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
                RunAsync(c, InferenceOperations.V2Metadata, model, version, false, m, d, ct));
            app.MapGet(route + "/ready", (HttpContext c, string model, string? version, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
                RunAsync(c, InferenceOperations.V2Ready, model, version, false, m, d, ct));
            app.MapPost(route + "/infer", (HttpContext c, string model, string? version, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
                RunAsync(c, InferenceOperations.V2Infer, model, version, true, m, d, ct));
            app.MapGet(route + "/stats", (HttpContext c, string model, string? version, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
                RunAsync(c, InferenceOperations.V2Stats, model, version, false, m, d, ct));
        }
        return app;
    }

    private static async Task<IResult> LiveAsync(InferenceDispatcher dispatcher, InferenceService local, WorkerRegistry registry, CancellationToken ct) =>
        dispatcher.InProcess
            ? TypedResults.Json(new { live = true, provider = (string?)local.Provider })
            : TypedResults.Json(new { live = true, provider = (await registry.WorkersAsync(ct)).Select(w => w.Record.Provider).FirstOrDefault() });

    /// <summary>Ready, and which provider runs; site admins also see the workers (their URLs and loaded models, which name private repos).</summary>
    private static async Task<IResult> ReadyAsync(HttpContext context, InferenceDispatcher dispatcher, InferenceService local, WorkerRegistry registry, CancellationToken ct)
    {
        var admin = context.GetCaller().IsAdmin;
        if (dispatcher.InProcess)
            return TypedResults.Json(new { ready = true, live = true, provider = local.Provider, worker = admin ? local.Health() : null });
        var workers = (await registry.WorkersAsync(ct)).Select(w => w.Record).ToList();
        var body = new
        {
            ready = workers.Count > 0,
            live = true,
            provider = workers.Select(w => w.Provider).FirstOrDefault(),
            workers = admin ? workers.Select(w => new { w.Id, w.Url, w.Provider, w.LoadedModels, w.MemoryBytes, w.MemoryBudgetBytes, w.QueueLength, w.LastHeartbeatAt }) : null,
        };
        return TypedResults.Json(body, statusCode: workers.Count > 0 ? 200 : 503);
    }

    private static async Task<IResult> RunAsync(HttpContext context, string operation, string name, string? version, bool hasBody,
        InferenceModels models, InferenceDispatcher dispatcher, CancellationToken ct)
    {
        if (InferenceModels.ParseV2Name(name) is not { } id)
            return new HfError(404, $"Unknown model '{name}': v2 names are the repo id with '/' replaced by '--'.");
        var (model, _, error) = await models.ResolveAsync(context, id.Ns, id.Name, version, ct);
        if (error is not null) return error;
        var body = Array.Empty<byte>();
        if (hasBody)
        {
            var (read, bodyError) = await InferenceBody.ReadAsync(context.Request, InferenceFailures.HfShape, ct);
            if (bodyError is not null) return bodyError;
            body = read!;
        }
        return await dispatcher.SendAsync(new InferenceCall(operation, model!, null, body, null), ct);
    }
}
