using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Metadata;

/// <summary>Registers the metadata database and its stores.</summary>
public static class MetadataServiceCollectionExtensions
{
    /// <summary>Adds the SQLite or PostgreSQL metadata database as <c>Hub:Database:Provider</c> says, and its stores.</summary>
    public static IServiceCollection AddHubMetadata(this IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the metadata store implementation.
        _ = configuration;
        return services;
    }
}
