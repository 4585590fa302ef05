using Hub.Storage.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Hub.Api.Health;

internal sealed class DatabaseHealthCheck(IMetadataMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await migrator.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("metadata database answers")
                : HealthCheckResult.Unhealthy("metadata database does not answer");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("metadata database does not answer", e);
        }
    }
}
