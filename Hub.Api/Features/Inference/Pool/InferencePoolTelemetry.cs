using System.Diagnostics.Metrics;
using Hub.Api.Telemetry;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>Instruments of the API tier's worker routing (on the <c>Hub.Api</c> meter).</summary>
public static class InferencePoolTelemetry
{
    public static readonly Counter<long> Retries = ApiTelemetry.Meter.CreateCounter<long>("hub.api.inference.retries", description: "Inference calls sent again to another worker after a worker failed.");

    public static readonly Counter<long> WorkerFailures = ApiTelemetry.Meter.CreateCounter<long>("hub.api.inference.worker_failures", description: "Calls to an inference worker that failed (connection refused or reset, timeout).");
}
