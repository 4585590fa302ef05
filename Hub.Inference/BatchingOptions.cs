using System.ComponentModel.DataAnnotations;

namespace Hub.Inference;

/// <summary>How a model's requests are batched.</summary>
public sealed class BatchingOptions
{
    /// <summary>
    /// Most sequences in one session run; 1 turns batching off. Unset: 64 on CUDA, 8 on CPU, where larger batches
    /// measured slower per sequence (bench/Hub.Bench inference).
    /// </summary>
    [Range(1, 4096)]
    public int? MaxBatchSize { get; set; }

    /// <summary>
    /// How long a batch waits for more requests once it has one. 0 (the default) runs at once with whatever is queued:
    /// requests that arrive while a batch runs form the next batch, so load builds batches without adding latency when idle.
    /// </summary>
    [Range(0, 10_000)]
    public double MaxQueueDelayMs { get; set; }

    /// <summary>Requests waiting per model beyond which new ones are refused (429 with Retry-After).</summary>
    [Range(1, 1_000_000)]
    public int MaxQueueLength { get; set; } = 1024;
}
