namespace Hub.Inference.Batching;

/// <summary>A model's queue is full: the caller should answer 429 with <c>Retry-After</c>.</summary>
public sealed class InferenceOverloadedException(string model, TimeSpan retryAfter)
    : Exception($"The queue of {model} is full; retry later.")
{
    /// <summary>When a retry is likely to be accepted.</summary>
    public TimeSpan RetryAfter { get; } = retryAfter;
}
