using Microsoft.Extensions.DependencyInjection;

namespace Hub.Inference;

/// <summary>Entry point of Hub.Inference for the host.</summary>
public static class InferenceServiceCollectionExtensions
{
    /// <summary>Adds the inference worker. Hosted inference is not built yet; see the inference issue.</summary>
    public static IServiceCollection AddHubInference(this IServiceCollection services) => services;
}
