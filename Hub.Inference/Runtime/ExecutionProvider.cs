using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Inference.Runtime;

/// <summary>
/// Decides once per process whether sessions run on CUDA or CPU: appending the CUDA execution provider throws where
/// the CUDA libraries are missing, and then every session uses the CPU provider. The choice is logged and reported by
/// <c>/v2/health</c>.
/// </summary>
public sealed class ExecutionProvider
{
    private readonly InferenceOptions options;
    private readonly ILogger<ExecutionProvider> logger;
    private readonly Lazy<string> name;

    /// <summary>Creates the selector; nothing is probed until the first session.</summary>
    public ExecutionProvider(IOptions<InferenceOptions> options, ILogger<ExecutionProvider> logger)
    {
        this.options = options.Value;
        this.logger = logger;
        name = new Lazy<string>(Probe);
    }

    /// <summary><c>CUDAExecutionProvider</c> or <c>CPUExecutionProvider</c>.</summary>
    public string Name => name.Value;

    /// <summary>True when sessions run on the GPU.</summary>
    public bool IsCuda => Name == "CUDAExecutionProvider";

    /// <summary>Session options for the chosen provider.</summary>
    public SessionOptions CreateSessionOptions()
    {
        var session = new SessionOptions { GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL };
        if (options.IntraOpThreads > 0) session.IntraOpNumThreads = options.IntraOpThreads;
        if (!options.AllowSpinning)
        {
            // ONNX Runtime's threads spin after each run by default; in a server they take the cores that HTTP, the
            // tokenizer and the batcher need, which costs milliseconds per request on a small machine.
            session.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
            session.AddSessionConfigEntry("session.inter_op.allow_spinning", "0");
        }
        if (IsCuda) session.AppendExecutionProvider_CUDA(options.CudaDeviceId);
        return session;
    }

    private string Probe()
    {
        if (!options.UseCuda)
        {
            logger.LogInformation("Inference runs on {Provider} (CUDA turned off by configuration)", "CPUExecutionProvider");
            return "CPUExecutionProvider";
        }
        try
        {
            using var probe = new SessionOptions();
            probe.AppendExecutionProvider_CUDA(options.CudaDeviceId);
            logger.LogInformation("Inference runs on {Provider} (device {Device})", "CUDAExecutionProvider", options.CudaDeviceId);
            return "CUDAExecutionProvider";
        }
        catch (OnnxRuntimeException e)
        {
            logger.LogWarning("CUDA is not available ({Reason}); inference runs on {Provider}", e.Message, "CPUExecutionProvider");
            return "CPUExecutionProvider";
        }
    }
}
