using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Hub.Api.Health;

public static class HealthServiceCollectionExtensions
{
    private const string Ready = "ready";

    /// <summary>Readiness checks of the database, the blob store and the repository root.</summary>
    public static IServiceCollection AddHubHealthChecks(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: [Ready])
            .AddCheck<BlobStoreHealthCheck>("blobs", tags: [Ready])
            .AddCheck<RepoRootHealthCheck>("repositories", tags: [Ready]);
        return services;
    }

    /// <summary><c>/health</c>: ready (every dependency answers); <c>/alive</c>: the process serves requests.</summary>
    public static IEndpointRouteBuilder MapHubHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/health", new HealthCheckOptions
        {
            Predicate = c => c.Tags.Contains(Ready),
            ResponseWriter = HealthResponseWriter.WriteAsync,
        });
        app.MapHealthChecks("/alive", new HealthCheckOptions { Predicate = _ => false });
        return app;
    }
}
