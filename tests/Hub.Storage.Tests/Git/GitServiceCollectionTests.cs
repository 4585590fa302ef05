using Hub.Storage.Git;
using Hub.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Storage.Tests.Git;

public sealed class GitServiceCollectionTests
{
    [Fact]
    public void AddHubGit_registers_one_store_rooted_at_the_configured_repo_root()
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hub:Storage:RepoRoot"] = Path.Combine(temp.Path, "git") })
            .Build();
        using var provider = new ServiceCollection().AddHubGit(configuration).BuildServiceProvider();

        var store = provider.GetRequiredService<IGitRepositoryStore>();

        Assert.Same(store, provider.GetRequiredService<IGitRepositoryStore>());
        Assert.IsType<GitCliRepositoryStore>(store);
        Assert.Equal(Path.Combine(temp.Path, "git", "ab", "abcdef12.git"), store.GetPath("abcdef12"));
        Assert.NotNull(provider.GetRequiredService<TimeProvider>());
    }

    [Fact]
    public void Without_a_repo_root_the_store_lives_under_the_data_dir()
    {
        using var temp = new TempDirectory();
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Hub:DataDir"] = temp.Path })
            .Build();
        using var provider = new ServiceCollection().AddHubGit(configuration).BuildServiceProvider();

        Assert.Equal(Path.Combine(temp.Path, "repos", "ab", "abcdef12.git"), provider.GetRequiredService<IGitRepositoryStore>().GetPath("abcdef12"));
    }
}
