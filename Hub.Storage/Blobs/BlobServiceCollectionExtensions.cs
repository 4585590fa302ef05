using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Storage.Blobs;

/// <summary>Registers the configured <see cref="IBlobStore"/>.</summary>
public static class BlobServiceCollectionExtensions
{
    /// <summary>
    /// Adds the filesystem or S3 blob store as a singleton, as <c>Hub:Storage:Blobs</c> says, and a hosted service that
    /// prepares it at start (the S3 bucket is created when missing). The filesystem store lives in
    /// <c>Hub:Storage:BlobRoot</c>, default <c>{Hub:DataDir}/blobs</c>.
    /// </summary>
    /// <remarks>
    /// <see cref="StorageOptions"/> are bound here only when nothing bound them before (AddHubStorage does), so tools and
    /// benchmarks can call this alone with an in-memory configuration.
    /// </remarks>
    public static IServiceCollection AddHubBlobs(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        StorageOptionsBinding.EnsureBound(services, configuration);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, S3OptionsValidation>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IBlobStore>(provider => CreateStore(provider, configuration));
        services.AddHostedService<BlobStoreInitializer>();
        return services;
    }

    private static IBlobStore CreateStore(IServiceProvider provider, IConfiguration configuration)
    {
        var options = provider.GetRequiredService<IOptions<StorageOptions>>().Value;
        var timeProvider = provider.GetRequiredService<TimeProvider>();
        var loggers = provider.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
        return options.Blobs switch
        {
            "filesystem" => new FileSystemBlobStore(
                HubPaths.BlobRoot(configuration, options), timeProvider, loggers.CreateLogger<FileSystemBlobStore>()),
            "s3" => new S3BlobStore(options.S3, timeProvider, loggers.CreateLogger<S3BlobStore>(), S3CorsRule.Origins(options.S3, configuration["Hub:PublicBaseUrl"])),
            _ => throw new InvalidOperationException($"Hub:Storage:Blobs must be 'filesystem' or 's3', not '{options.Blobs}'."),
        };
    }
}
