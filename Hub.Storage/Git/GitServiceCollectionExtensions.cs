using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Hub.Storage.Git;

/// <summary>Registers the <see cref="IGitRepositoryStore"/>.</summary>
public static class GitServiceCollectionExtensions
{
    /// <summary>Adds the git repository store rooted at <c>Hub:Storage:RepoRoot</c> (default <c>{Hub:DataDir}/repos</c>).</summary>
    public static IServiceCollection AddHubGit(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddLogging();
        // Bound here too (from the configuration given) so the store works when added on its own; AddHubStorage binds
        // the same section again, which is harmless.
        StorageOptionsBinding.EnsureBound(services, configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IGitRepositoryStore>(sp => new GitCliRepositoryStore(
            HubPaths.RepoRoot(configuration, sp.GetRequiredService<IOptions<StorageOptions>>().Value),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<GitCliRepositoryStore>>()));
        return services;
    }
}
