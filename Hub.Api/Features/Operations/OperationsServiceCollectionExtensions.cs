namespace Hub.Api.Features.Operations;

/// <summary>What lets several hub processes serve one hub together (see docs/operations.md).</summary>
public static class OperationsServiceCollectionExtensions
{
    /// <summary>Cluster-wide locks and the start-up steps shared by every process.</summary>
    public static IServiceCollection AddHubOperations(this IServiceCollection services)
    {
        services.AddSingleton<ClusterLocks>();
        services.AddHostedService<ClusterStartup>();
        return services;
    }
}
