using Hub.Api.Features.Inference.Pool;
using Hub.Api.Hosting;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Where an inference call runs: on this process's own worker when it has the <c>inference</c> role (the embedded
/// default: no HTTP hop), else on the pool of worker processes.
/// </summary>
public sealed class InferenceDispatcher(IOptions<HubOptions> hub, InferenceExecutor local, WorkerPool pool)
{
    /// <summary>True when calls run in this process.</summary>
    public bool InProcess { get; } = hub.Value.HasRole("inference");

    public Task<IResult> SendAsync(InferenceCall call, CancellationToken cancellationToken)
    {
        if (InProcess) return local.ExecuteAsync(call, cancellationToken);
        return call.Operation == InferenceOperations.V2Stats ? pool.StatsAsync(call, cancellationToken) : pool.SendAsync(call, cancellationToken);
    }
}
