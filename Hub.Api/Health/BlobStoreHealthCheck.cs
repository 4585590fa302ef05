using Hub.Storage.Blobs;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Api.Health;

internal sealed class BlobStoreHealthCheck(IBlobStore blobs) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            // A look-up of a key that never exists: cheap, and it fails when the store is unreachable.
            await blobs.GetInfoAsync("health/probe", cancellationToken);
            return HealthCheckResult.Healthy($"{blobs.Kind} blob store answers");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy($"{blobs.Kind} blob store does not answer", e);
        }
    }
}
