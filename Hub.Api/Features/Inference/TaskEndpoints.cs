using Hub.Api.Http;

namespace Hub.Api.Features.Inference;

/// <summary>
/// The HF task API (hf-api.md §3.1): <c>POST /models/{ns}/{name}</c> runs the repo's <c>pipeline_tag</c>,
/// <c>POST /models/{ns}/{name}/pipeline/{task}</c> the named task; JSON <c>{"inputs", "parameters"}</c> in, the
/// shapes the Python and JS clients validate out, <c>{"error"}</c> on failure.
/// </summary>
public static class TaskEndpoints
{
    public static IEndpointRouteBuilder MapTaskEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/models/{ns}/{name}", (HttpContext c, string ns, string name, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
            RunAsync(c, ns, name, null, m, d, ct));
        app.MapPost("/models/{ns}/{name}/pipeline/{task}", (HttpContext c, string ns, string name, string task, InferenceModels m, InferenceDispatcher d, CancellationToken ct) =>
            RunAsync(c, ns, name, task, m, d, ct));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, string ns, string name, string? task, InferenceModels models, InferenceDispatcher dispatcher, CancellationToken ct)
    {
        var (model, repo, error) = await models.ResolveAsync(context, ns, name, context.Request.Query["revision"], ct);
        if (error is not null) return error;
        task ??= repo!.PipelineTag;
        if (task is null) return HfErrors.BadRequest($"{repo!.FullName} has no pipeline_tag; call /models/{repo.FullName}/pipeline/{{task}}.");
        var (body, bodyError) = await InferenceBody.ReadAsync(context.Request, InferenceFailures.HfShape, ct);
        if (bodyError is not null) return bodyError;
        return await dispatcher.SendAsync(new InferenceCall(InferenceOperations.Task, model!, task, body, context.Request.Headers.UserAgent.ToString()), ct);
    }
}
