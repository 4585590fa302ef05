using Hub.Api.Features.Inference.Pool;

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
        return services;
    }
}
