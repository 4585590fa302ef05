using System.Text.Json.Nodes;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Embeddings in the shapes of OpenAI / TEI (hf-api.md §3.3): <c>POST /v1/embeddings</c> (and <c>/embeddings</c>) with
/// the repo id in <c>model</c>, and TEI's <c>POST /embed</c> (the repo id in <c>model</c> of the body or the query).
/// </summary>
public static class EmbeddingEndpoints
{
    public static IEndpointRouteBuilder MapEmbeddingEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/embeddings", OpenAiAsync);
        app.MapPost("/embeddings", OpenAiAsync);
        app.MapPost("/embed", EmbedAsync);
        return app;
    }

    private static Task<IResult> OpenAiAsync(HttpContext context, InferenceModels models, InferenceDispatcher dispatcher, CancellationToken ct) =>
        RunAsync(context, InferenceOperations.OpenAiEmbeddings, _ => null, "'model' must name a model repository as 'namespace/name'.", models, dispatcher, ct);

    private static Task<IResult> EmbedAsync(HttpContext context, InferenceModels models, InferenceDispatcher dispatcher, CancellationToken ct) =>
        RunAsync(context, InferenceOperations.TeiEmbed, c => c.Request.Query["model"].ToString(),
            "Name the model repository as 'model' in the body or the query ('namespace/name').", models, dispatcher, ct);

    /// <summary>The model is named in the body, so the API reads it; the worker gets the bytes as they came.</summary>
    private static async Task<IResult> RunAsync(HttpContext context, string operation, Func<HttpContext, string?> fallbackModel, string noModel,
        InferenceModels models, InferenceDispatcher dispatcher, CancellationToken ct)
    {
        var shape = InferenceFailures.ShapeFor(operation);
        var (body, bodyError) = await InferenceBody.ReadAsync(context.Request, shape, ct);
        if (bodyError is not null) return bodyError;
        var (json, jsonError) = InferenceBody.Parse(body, shape);
        if (jsonError is not null) return jsonError;
        var modelId = json!["model"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : fallbackModel(context);
        if (InferenceModels.ParseRepoId(modelId) is not { } id) return shape(400, noModel);
        var (model, _, error) = await models.ResolveAsync(context, id.Ns, id.Name, id.Revision, ct);
        if (error is not null) return InferenceFailures.Reshape(error, shape);
        return await dispatcher.SendAsync(new InferenceCall(operation, model!, null, body, null) { Json = json }, ct);
    }
}
