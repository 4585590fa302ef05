using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Git;

/// <summary>Registers the <see cref="IGitRepositoryStore"/>.</summary>
public static class GitServiceCollectionExtensions
{
    /// <summary>Adds the git repository store rooted at <c>Hub:Storage:RepoRoot</c>.</summary>
    public static IServiceCollection AddHubGit(this IServiceCollection services, IConfiguration configuration)
    {
        // Filled in by the git store implementation.
        _ = configuration;
        return services;
    }
}
