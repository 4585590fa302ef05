using Hub.Storage.Blobs;
using Hub.Storage.Git;
using Hub.Storage.Metadata;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage;

/// <summary>Entry point of Hub.Storage for the host.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>Adds metadata, blobs and git repositories as configured.</summary>
    public static IServiceCollection AddHubStorage(this IServiceCollection services, IConfiguration configuration)
    {
        StorageOptionsBinding.EnsureBound(services, configuration);
        services.AddHubMetadata(configuration);
        services.AddHubBlobs(configuration);
        services.AddHubGit(configuration);
        return services;
    }
}
