using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Inference;

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
        app.MapPost("/models/{ns}/{name}", (HttpContext c, string ns, string name, InferenceModels m, InferenceService s, CancellationToken ct) =>
            RunAsync(c, ns, name, null, m, s, ct));
        app.MapPost("/models/{ns}/{name}/pipeline/{task}", (HttpContext c, string ns, string name, string task, InferenceModels m, InferenceService s, CancellationToken ct) =>
            RunAsync(c, ns, name, task, m, s, ct));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, string ns, string name, string? task, InferenceModels models, InferenceService inference, CancellationToken ct)
    {
        var (model, repo, error) = await models.ResolveAsync(context, ns, name, context.Request.Query["revision"], ct);
        if (error is not null) return error;
        task ??= repo!.PipelineTag;
        if (task is null) return HfErrors.BadRequest($"{repo!.FullName} has no pipeline_tag; call /models/{repo.FullName}/pipeline/{{task}}.");
        var (body, bodyError) = await JsonBody.ReadAsync<JsonObject>(context.Request, ct);
        if (bodyError is not null) return bodyError;
        var userAgent = context.Request.Headers.UserAgent.ToString();
        return await InferenceFailures.GuardAsync(async () => task switch
        {
            "feature-extraction" => TypedResults.Json((await inference.EmbedAsync(model!, InferenceJson.Texts(body!["inputs"]),
                InferenceJson.BoolParameter(body!, "normalize") ?? true, ct)).Vectors),
            "sentence-similarity" => TypedResults.Json(await inference.SimilarityAsync(model!,
                InferenceJson.Text(body!["inputs"]?["source_sentence"]), InferenceJson.Texts(body["inputs"]?["sentences"], "sentences"), ct)),
            "text-classification" or "sentiment-analysis" => TypedResults.Json((await inference.ClassifyAsync(model!, InferenceJson.Texts(body!["inputs"]),
                InferenceJson.StringParameter(body!, "function_to_apply"), InferenceJson.IntParameter(body!, "top_k"), ct))
                .Select(scores => scores.Select(s => new { label = s.Label, score = s.Score }))),
            "token-classification" or "ner" => TypedResults.Json((await inference.ClassifyTokensAsync(model!, InferenceJson.Text(body!["inputs"]),
                InferenceJson.StringParameter(body!, "aggregation_strategy") ?? "simple", InferenceJson.StringsParameter(body!, "ignore_labels") ?? ["O"], ct))
                .Select(e => new { entity_group = e.EntityGroup, score = e.Score, word = e.Word, start = e.Start, end = e.End })),
            "fill-mask" => TypedResults.Json((await inference.FillMaskAsync(model!, InferenceJson.Text(body!["inputs"]),
                InferenceJson.IntParameter(body!, "top_k") ?? 5, InferenceJson.StringsParameter(body!, "targets"), ct))
                .Select(f => new { score = f.Score, token = f.Token, token_str = f.TokenStr, sequence = f.Sequence })),
            "zero-shot-classification" => await ZeroShotAsync(model!, body!, inference, userAgent, ct),
            _ => HfErrors.BadRequest($"The task '{task}' is not served here (feature-extraction, sentence-similarity, text-classification, token-classification, fill-mask, zero-shot-classification)."),
        });
    }

    private static async Task<IResult> ZeroShotAsync(Hub.Inference.Models.ModelRef model, JsonObject body, InferenceService inference, string userAgent, CancellationToken ct)
    {
        var text = InferenceJson.Text(body["inputs"]);
        var labels = InferenceJson.StringsParameter(body, "candidate_labels") ?? throw new ArgumentException("'parameters.candidate_labels' is required.");
        if (labels.Count == 0) throw new ArgumentException("'parameters.candidate_labels' must not be empty.");
        var scores = await inference.ZeroShotAsync(model, text, labels, InferenceJson.BoolParameter(body, "multi_label") ?? false,
            InferenceJson.StringParameter(body, "hypothesis_template") ?? "This example is {}.", ct);
        // huggingface_hub 0.x only parses the legacy dict; everyone else gets the current flat list.
        return userAgent.Contains("hf_hub/0.", StringComparison.Ordinal)
            ? TypedResults.Json(new { sequence = text, labels = scores.Select(s => s.Label), scores = scores.Select(s => s.Score) })
            : TypedResults.Json(scores.Select(s => new { label = s.Label, score = s.Score }));
    }
}
