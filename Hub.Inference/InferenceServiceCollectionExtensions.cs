using Hub.Inference.Runtime;
using Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Inference;

/// <summary>Entry point of Hub.Inference for the host.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>Adds the in-process inference worker (<see cref="InferenceService"/>) configured from <c>Hub:Inference</c>.</summary>
    public static IServiceCollection AddHubInference(this IServiceCollection services)
    {
        services.AddOptions<InferenceOptions>().BindConfiguration(InferenceOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ExecutionProvider>();
        services.AddSingleton(sp => new InferenceCacheDirectory(Path.GetFullPath(
            sp.GetRequiredService<IOptions<InferenceOptions>>().Value.CacheDir
            ?? Path.Combine(HubPaths.DataDir(sp.GetRequiredService<IConfiguration>()), "inference-cache"))));
        services.AddSingleton<ModelCache>();
        services.AddSingleton(sp => new InferenceService(
            sp.GetRequiredService<ModelCache>(), sp.GetRequiredService<ExecutionProvider>(), sp.GetRequiredService<IOptions<InferenceOptions>>()));
        return services;
    }
}
