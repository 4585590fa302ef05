using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// The pool of inference workers (section <c>Hub:Inference:Pool</c>). With a <see cref="Secret"/> set, processes with the
/// <c>inference</c> role serve <c>/internal/inference/*</c> and register in the database; processes with the <c>api</c>
/// role and without <c>inference</c> route every inference request to them. Without it (the embedded default) each
/// process runs inference in-process.
/// </summary>
public sealed class InferencePoolOptions
{
    public const string Section = "Hub:Inference:Pool";

    /// <summary>Shared by the API tier and the workers; workers refuse internal calls without it.</summary>
    [MinLength(16)]
    public string? Secret { get; set; }

    /// <summary>The URL the API tier reaches this worker at; default: the address Kestrel listens on (a wildcard host becomes the machine's first IPv4 address).</summary>
    public Uri? AdvertiseUrl { get; set; }

    /// <summary>How often a worker writes its heartbeat (loaded models, memory, queue depth).</summary>
    [Range(0.05, 600)]
    public double HeartbeatSeconds { get; set; } = 2;

    /// <summary>A worker whose last heartbeat is older than this is out of the pool.</summary>
    [Range(0.5, 3600)]
    public double WorkerTimeoutSeconds { get; set; } = 10;

    /// <summary>How often the API tier re-reads the registry.</summary>
    [Range(0.05, 600)]
    public double RegistryRefreshSeconds { get; set; } = 1;

    /// <summary>How long the API avoids a worker that failed a request (unless the worker heartbeats again after the failure).</summary>
    [Range(0, 3600)]
    public double FailureBackoffSeconds { get; set; } = 15;

    /// <summary>
    /// Requests in flight to the workers holding a model beyond which the next request may go to the least loaded
    /// worker of all (which then loads the model too), so one hot model can spread over the pool.
    /// </summary>
    [Range(1, 100_000)]
    public int AffinityMaxInFlight { get; set; } = 64;

    /// <summary>Longest wait for a worker's answer; a call that takes longer is answered 504 and not sent to another worker.</summary>
    [Range(1, 3600)]
    public double RequestTimeoutSeconds { get; set; } = 300;
}
