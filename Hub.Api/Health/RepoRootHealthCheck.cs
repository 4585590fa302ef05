using Hub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hub.Api.Health;

/// <summary>The repository root exists. <c>/health</c> answers anyone, so the path goes to the log, not the answer.</summary>
internal sealed class RepoRootHealthCheck(IConfiguration configuration, IOptions<StorageOptions> options, ILogger<RepoRootHealthCheck> logger) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var root = HubPaths.RepoRoot(configuration, options.Value);
        if (Directory.Exists(root)) return Task.FromResult(HealthCheckResult.Healthy("repository root exists"));
        logger.LogWarning("The repository root {Root} does not exist", root);
        return Task.FromResult(HealthCheckResult.Unhealthy("repository root does not exist (its path is in the hub's log)"));
    }
}
