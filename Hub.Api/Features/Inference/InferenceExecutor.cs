using Hub.Inference;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Runs an <see cref="InferenceCall"/> on this process's worker and shapes the answer for the route it came from. The
/// in-process path of the embedded default and the worker route <c>/internal/inference/{operation}</c> both end here,
/// so a pooled answer is byte for byte what the embedded hub gives.
/// </summary>
public sealed class InferenceExecutor(InferenceService inference)
{
    public InferenceService Worker => inference;

    public Task<IResult> ExecuteAsync(InferenceCall call, CancellationToken cancellationToken)
    {
        switch (call.Operation)
        {
            case InferenceOperations.V2Metadata: return KServeRunner.MetadataAsync(call, inference, cancellationToken);
            case InferenceOperations.V2Ready: return KServeRunner.ReadyAsync(call, inference, cancellationToken);
            case InferenceOperations.V2Stats: return Task.FromResult(KServeRunner.Stats(call, inference));
        }
        // Image tasks take the image's bytes as the body (or base64 in JSON with parameters, hf-api.md §3.1).
        if (call.Operation == InferenceOperations.Task && call.Task == "image-classification" && !InferenceBody.LooksLikeJson(call.Body.Span))
            return TaskRunner.ClassifyImageAsync(call, call.Body, null, inference, cancellationToken);
        var shape = InferenceFailures.ShapeFor(call.Operation);
        var json = call.Json;
        if (json is null)
        {
            var (parsed, error) = InferenceBody.Parse(call.Body, shape);
            if (error is not null) return Task.FromResult(error);
            json = parsed!;
        }
        return call.Operation switch
        {
            InferenceOperations.Task => TaskRunner.RunAsync(call, json, inference, cancellationToken),
            InferenceOperations.OpenAiEmbeddings => EmbeddingRunner.OpenAiAsync(call, json, inference, cancellationToken),
            InferenceOperations.TeiEmbed => EmbeddingRunner.TeiAsync(call, json, inference, cancellationToken),
            InferenceOperations.V2Infer => KServeRunner.InferAsync(call, json, inference, cancellationToken),
            _ => Task.FromResult(shape(404, $"Unknown inference operation '{call.Operation}'.")),
        };
    }
}
