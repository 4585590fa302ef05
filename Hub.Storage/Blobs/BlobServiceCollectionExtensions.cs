using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Blobs;

/// <summary>Registers the configured <see cref="IBlobStore"/>.</summary>
public static class BlobServiceCollectionExtensions
{
    /// <summary>Adds the filesystem or S3 blob store, as <c>Hub:Storage:Blobs</c> says.</summary>
    public static IServiceCollection AddHubBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the blob store implementation.
        _ = configuration;
        return services;
    }
}
