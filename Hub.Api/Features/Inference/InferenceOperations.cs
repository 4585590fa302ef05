namespace Hub.Api.Features.Inference;

/// <summary>What an <see cref="InferenceCall"/> asks a worker to do; also the last segment of the worker route <c>/internal/inference/{operation}</c>.</summary>
public static class InferenceOperations
{
    /// <summary>An HF task (<see cref="InferenceCall.Task"/>) with the task API's JSON.</summary>
    public const string Task = "task";

    /// <summary>OpenAI-style <c>/v1/embeddings</c>.</summary>
    public const string OpenAiEmbeddings = "openai-embeddings";

    /// <summary>TEI's <c>/embed</c>.</summary>
    public const string TeiEmbed = "tei-embed";

    /// <summary>KServe v2 model metadata.</summary>
    public const string V2Metadata = "v2-metadata";

    /// <summary>KServe v2 model ready (loads the model).</summary>
    public const string V2Ready = "v2-ready";

    /// <summary>KServe v2 infer on raw tensors.</summary>
    public const string V2Infer = "v2-infer";

    /// <summary>The model's figures on the worker.</summary>
    public const string V2Stats = "v2-stats";

    public static bool IsKnown(string operation) =>
        operation is Task or OpenAiEmbeddings or TeiEmbed or V2Metadata or V2Ready or V2Infer or V2Stats;
}
