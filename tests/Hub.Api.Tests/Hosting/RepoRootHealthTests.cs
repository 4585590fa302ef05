using Hub.Api.Health;
using Hub.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Hub.Api.Tests.Hosting;

public sealed class RepoRootHealthTests
{
    [Fact]
    public async Task A_missing_repository_root_is_unhealthy_without_telling_the_world_where_it_should_be()
    {
        var missing = Path.Combine(Path.GetTempPath(), "hub-missing-root-" + Guid.NewGuid().ToString("N"), "repos");
        var check = new RepoRootHealthCheck(new ConfigurationBuilder().Build(), Options.Create(new StorageOptions { RepoRoot = missing }),
            NullLogger<RepoRootHealthCheck>.Instance);

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.DoesNotContain("hub-missing-root-", result.Description, StringComparison.Ordinal);
    }
}
