using Hub.Api.Features.Audit;
using Hub.Api.Features.Gating;
using Hub.Api.Features.Maintenance;
using Hub.Api.Features.RateLimiting;
using Hub.Api.Features.Scanning;

namespace Hub.Api.Security;

/// <summary>Registers and wires security and reliability: limits, scanning, gating, audit queries, repair and GC.</summary>
public static class SecurityServiceCollectionExtensions
{
    public static IServiceCollection AddHubSecurity(this IServiceCollection services)
    {
        services.AddOptions<BruteForceOptions>().BindConfiguration(BruteForceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ScanningOptions>().BindConfiguration(ScanningOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MaintenanceOptions>().BindConfiguration(MaintenanceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<BruteForceGuard>();
        services.AddSingleton<ForwardedClientSigner>();
        services.AddSingleton<Hub.Web.Api.IForwardedClientSigner>(sp => sp.GetRequiredService<ForwardedClientSigner>());
        services.AddSingleton<Auth.TokenScopeResolver>();
        services.AddSingleton<RepoScanner>();
        services.AddSingleton<IRepoScanner>(sp => sp.GetRequiredService<RepoScanner>());
        services.AddSingleton<SecurityStatus>();
        services.AddSingleton<IndexRepairService>();
        services.AddHostedService(sp => sp.GetRequiredService<IndexRepairService>());
        services.AddSingleton<GarbageCollector>();
        return services;
    }

    /// <summary>
    /// Before authentication: the UI's forwarded browser address is taken when signed, outages become 503, then rate
    /// limits, then the login brute-force limit.
    /// </summary>
    public static IApplicationBuilder UseHubSecurity(this IApplicationBuilder app) =>
        app.UseMiddleware<ForwardedClientMiddleware>()
            .UseMiddleware<TransientFailureMiddleware>()
            .UseMiddleware<RateLimitMiddleware>()
            .UseMiddleware<LoginThrottleMiddleware>();

    public static IEndpointRouteBuilder MapHubSecurity(this IEndpointRouteBuilder app)
    {
        app.MapGatingEndpoints();
        app.MapAuditEndpoints();
        app.MapMaintenanceEndpoints();
        app.MapScanningEndpoints();
        return app;
    }
}
