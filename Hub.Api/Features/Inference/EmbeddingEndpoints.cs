using System.Runtime.InteropServices;
using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Inference;

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

    private static async Task<IResult> OpenAiAsync(HttpContext context, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(context.Request, ct);
        if (bodyError is not null) return bodyError;
        var modelId = body!["model"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : null;
        if (InferenceModels.ParseRepoId(modelId) is not { } id)
            return OpenAiError(400, "'model' must name a model repository as 'namespace/name'.");
        var (model, repo, error) = await models.ResolveAsync(context, id.Ns, id.Name, id.Revision, ct);
        if (error is not null) return error;
        var base64 = body["encoding_format"]?.GetValue<string>() == "base64";
        var dimensions = body["dimensions"] is JsonValue d && d.TryGetValue<int>(out var n) ? n : (int?)null;
        return await InferenceFailures.GuardAsync(async () =>
        {
            var texts = InferenceJson.Texts(body["input"], "input");
            var result = await inference.EmbedAsync(model!, texts, true, ct);
            var data = result.Vectors.Select((v, i) =>
            {
                var vector = dimensions is > 0 && dimensions < v.Length ? v[..dimensions.Value] : v;
                object embedding = base64 ? Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector;
                return new { @object = "embedding", embedding, index = i };
            });
            return TypedResults.Json(new
            {
                @object = "list",
                data,
                model = repo!.FullName,
                usage = new { prompt_tokens = result.Tokens, total_tokens = result.Tokens },
            });
        }, OpenAiError);
    }

    private static async Task<IResult> EmbedAsync(HttpContext context, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(context.Request, ct);
        if (bodyError is not null) return bodyError;
        var modelId = body!["model"] is JsonValue m && m.TryGetValue<string>(out var s) ? s : context.Request.Query["model"].ToString();
        if (InferenceModels.ParseRepoId(modelId) is not { } id)
            return TeiError(400, "Name the model repository as 'model' in the body or the query ('namespace/name').");
        var (model, _, error) = await models.ResolveAsync(context, id.Ns, id.Name, id.Revision, ct);
        if (error is not null) return error;
        return await InferenceFailures.GuardAsync(async () =>
        {
            var result = await inference.EmbedAsync(model!, InferenceJson.Texts(body["inputs"]), InferenceJson.BoolParameter(body, "normalize") ?? true, ct);
            return TypedResults.Json(result.Vectors);
        }, TeiError);
    }

    private static IResult OpenAiError(int status, string message) =>
        TypedResults.Json(new { message, code = status, type = ErrorType(status) }, statusCode: status);

    private static IResult TeiError(int status, string message) =>
        TypedResults.Json(new { error = message, error_type = ErrorType(status) }, statusCode: status);

    private static string ErrorType(int status) => status switch
    {
        429 => "Overloaded",
        503 => "Unhealthy",
        400 or 404 or 422 => "Validation",
        _ => "Backend",
    };
}
