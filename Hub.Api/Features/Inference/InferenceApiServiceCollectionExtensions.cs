using Hub.Api.Features.Inference.Pool;
using Hub.Storage.Metadata.Accounts;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference;

/// <summary>Registers the inference routes' services: model lookup, the in-process executor, the worker pool, heartbeat and warm-up.</summary>
public static class InferenceApiServiceCollectionExtensions
{
    public static IServiceCollection AddHubInferenceApi(this IServiceCollection services)
    {
        services.AddOptions<InferenceApiOptions>().BindConfiguration(InferenceApiOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<InferencePoolOptions>().BindConfiguration(InferencePoolOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InferenceModels>();
        services.AddSingleton<InferenceExecutor>();
        services.AddSingleton<WorkerRegistry>();
        services.AddSingleton<WorkerPool>();
        services.AddSingleton<InferenceDispatcher>();
        services.AddHostedService<WorkerHeartbeatService>();
        services.AddHostedService<WarmUpService>();
        CacheTokenLookups(services);
        return services;
    }

    /// <summary>Wraps the registered <see cref="IAccessTokenStore"/> in <see cref="CachingAccessTokenStore"/> (unless its TTL is 0).</summary>
    private static void CacheTokenLookups(IServiceCollection services)
    {
        var original = services.LastOrDefault(d => d.ServiceType == typeof(IAccessTokenStore) && !d.IsKeyedService);
        if (original is null) return;
        services.Remove(original);
        services.AddSingleton<IAccessTokenStore>(sp =>
        {
            var inner = original switch
            {
                { ImplementationInstance: IAccessTokenStore instance } => instance,
                { ImplementationFactory: { } factory } => (IAccessTokenStore)factory(sp),
                _ => (IAccessTokenStore)ActivatorUtilities.CreateInstance(sp, original.ImplementationType!),
            };
            var ttl = TimeSpan.FromSeconds(sp.GetRequiredService<IOptions<InferenceApiOptions>>().Value.TokenCacheSeconds);
            return ttl > TimeSpan.Zero ? new CachingAccessTokenStore(inner, sp.GetRequiredService<TimeProvider>(), ttl) : inner;
        });
    }
}
