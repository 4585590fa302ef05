using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Api.Tests;

/// <summary>The real @huggingface/hub npm client against the hub on PostgreSQL + Ceph RGW (tests/js/conformance.mjs).</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class JsClientConformanceTests(ProductionHub hub)
{
    [Fact]
    public async Task The_huggingface_hub_JS_client_works_unchanged_against_the_hub()
    {
        var js = Path.Combine(RepoRoot.Path, "tests", "js");
        Assert.True(Directory.Exists(Path.Combine(js, "node_modules", "@huggingface", "hub")),
            "npm packages are missing: run ./test.sh (or npm ci in tests/js).");
        var (exit, output) = await ProcessRunner.RunAsync("node", ["conformance.mjs"], js, new Dictionary<string, string>
        {
            ["HUB_URL"] = hub.Url,
            ["HUB_TOKEN"] = hub.AdminToken,
            ["HUB_USER"] = "admin",
            ["HUB_PAGE_SIZE"] = "2",
            ["HUB_SUFFIX"] = Guid.NewGuid().ToString("N")[..8],
        });
        Assert.True(exit == 0, output);
        Assert.Contains("all JS client checks passed", output, StringComparison.Ordinal);
    }
}
