using System.ComponentModel.DataAnnotations;

namespace Hub.Inference;

/// <summary>Settings of the inference worker (section <c>Hub:Inference</c>).</summary>
public sealed class InferenceOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hub:Inference";

    /// <summary>Where model files are cached, one folder per repository and commit; default <c>{DataDir}/inference-cache</c>.</summary>
    public string? CacheDir { get; set; }

    /// <summary>Bytes of loaded sessions kept in memory; the least recently used model is evicted beyond it.</summary>
    [Range(1L, long.MaxValue)]
    public long MemoryBudgetBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>Try the CUDA execution provider first (falls back to CPU where CUDA is missing).</summary>
    public bool UseCuda { get; set; } = true;

    /// <summary>The CUDA device id.</summary>
    public int CudaDeviceId { get; set; }

    /// <summary>ONNX Runtime intra-op threads per session (0: ONNX Runtime's default, one per core).</summary>
    [Range(0, 1024)]
    public int IntraOpThreads { get; set; }

    /// <summary>Let ONNX Runtime's worker threads spin between runs (its default). Off here: spinning threads starve the rest of the server.</summary>
    public bool AllowSpinning { get; set; }

    /// <summary>Longest token sequence fed to a model; longer inputs are truncated.</summary>
    [Range(8, 8192)]
    public int MaxSequenceLength { get; set; } = 512;

    /// <summary>
    /// Most texts (or candidate labels) one request may carry, as OpenAI's 2,048; more is bad input. Without it a 16 MB
    /// body of short strings asked for millions of embeddings held in memory at once.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxInputsPerRequest { get; set; } = 2048;

    /// <summary>Batching defaults for every model.</summary>
    public BatchingOptions Batching { get; set; } = new();

    /// <summary>Batching settings per model, keyed by repository name (<c>ns/name</c>).</summary>
    public Dictionary<string, BatchingOptions> Models { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Repositories (<c>ns/name</c>, head of the default branch) loaded when the worker starts.</summary>
    public List<string> Warm { get; set; } = [];

    /// <summary>
    /// The batching settings of <paramref name="repoName"/>: its own entry in <see cref="Models"/> or the defaults; an
    /// unset batch size falls back to the default's, then to the provider's (<paramref name="gpu"/>: 64, else 8).
    /// </summary>
    public BatchingOptions BatchingFor(string repoName, bool gpu)
    {
        var chosen = Models.TryGetValue(repoName, out var own) ? own : Batching;
        return new BatchingOptions
        {
            MaxBatchSize = chosen.MaxBatchSize ?? Batching.MaxBatchSize ?? (gpu ? 64 : 8),
            MaxQueueDelayMs = chosen.MaxQueueDelayMs,
            MaxQueueLength = chosen.MaxQueueLength,
        };
    }
}
