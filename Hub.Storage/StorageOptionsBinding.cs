using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Hub.Storage;

/// <summary>Binds <see cref="StorageOptions"/> once, whichever of AddHubStorage, AddHubBlobs or AddHubGit comes first.</summary>
internal static class StorageOptionsBinding
{
    public static void EnsureBound(IServiceCollection services, IConfiguration configuration)
    {
        if (services.Any(d => d.ServiceType == typeof(IConfigureOptions<StorageOptions>))) return;
        services.AddOptions<StorageOptions>().Bind(configuration.GetSection(StorageOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
    }
}
