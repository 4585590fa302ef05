namespace Hub.Api.Features.Inference.Pool;

/// <summary>The headers of the worker route <c>/internal/inference/{operation}</c>.</summary>
public static class WorkerHeaders
{
    public const string Secret = "X-Hub-Worker-Secret";
    public const string ModelId = "X-Hub-Model-Id";
    public const string ModelName = "X-Hub-Model-Name";
    public const string ModelCommit = "X-Hub-Model-Commit";
    public const string Task = "X-Hub-Task";

    /// <summary>Headers of a worker's answer that the API passes on to the client.</summary>
    public static readonly string[] Answer = ["Retry-After", "X-Error-Code", "X-Error-Message"];
}
