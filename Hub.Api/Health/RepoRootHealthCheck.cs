using Hub.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Hub.Api.Health;

internal sealed class RepoRootHealthCheck(IConfiguration configuration, IOptions<StorageOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var root = HubPaths.RepoRoot(configuration, options.Value);
        return Task.FromResult(Directory.Exists(root)
            ? HealthCheckResult.Healthy("repository root exists")
            : HealthCheckResult.Unhealthy($"repository root {root} does not exist"));
    }
}
