using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Hub.Testing;

namespace Hub.Deploy.Tests.Manifests;

/// <summary>docker-compose.yml and deploy/.env.example, validated offline (there is no Docker engine here).</summary>
public sealed partial class ComposeFileTests
{
    private static readonly string ComposePath = DeployFiles.Path("docker-compose.yml");
    private readonly JsonObject compose = Yaml.Load(ComposePath);

    private JsonObject Service(string name) => compose.At("services." + name) as JsonObject ?? throw new Xunit.Sdk.XunitException($"No service {name}.");

    [Fact]
    public async Task Docker_compose_parses_the_file_without_an_engine()
    {
        var (exit, output) = await ProcessRunner.RunAsync("docker-compose", ["-f", ComposePath, "config", "-q"], DeployFiles.Root);
        Assert.True(exit == 0, output);
    }

    [Fact]
    public void Start_up_is_gated_on_health_migration_first_then_hub_and_worker()
    {
        Assert.Equal("service_healthy", Service("migrate").Text("depends_on.postgres.condition"));
        Assert.Equal(["migrate"], Service("migrate").At("command")!.AsArray().Select(c => c!.GetValue<string>()));
        foreach (var name in new[] { "hub", "inference" })
        {
            Assert.Equal("service_completed_successfully", Service(name).Text("depends_on.migrate.condition"));
            Assert.Equal("service_healthy", Service(name).Text("depends_on.s3.condition"));
        }
        foreach (var name in new[] { "postgres", "s3", "hub", "inference" })
            Assert.True(Service(name).At("healthcheck.test") is JsonArray { Count: > 0 }, $"{name} has no health check.");
        Assert.Contains(Service("hub").At("healthcheck.test")!.AsArray().Select(t => t!.GetValue<string>()), t => t.EndsWith("/health", StringComparison.Ordinal));
    }

    [Fact]
    public void Hub_serves_api_and_web_and_the_worker_is_an_inference_process_with_a_documented_GPU_reservation()
    {
        Assert.Equal("api,web", Service("hub").Text("environment.Hub__Roles"));
        Assert.Equal("inference", Service("inference").Text("environment.Hub__Roles"));
        Assert.Equal("deploy/docker/inference.Dockerfile", Service("inference").Text("build.dockerfile"));
        Assert.Equal("deploy/docker/Dockerfile", Service("migrate").Text("build.dockerfile"));
        // Commented out (hosts without the NVIDIA toolkit fail to start the service), with how to turn it on.
        var text = File.ReadAllText(ComposePath);
        Assert.Matches(@"#\s*deploy:\s*\n\s*#\s*resources:\s*\n\s*#\s*reservations:\s*\n\s*#\s*devices:\s*\n\s*#\s*- driver: nvidia", text);
        Assert.Contains("nvidia-ctk", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Named_volumes_are_declared_and_hub_data_is_shared_by_hub_and_worker()
    {
        var declared = (compose.At("volumes") as JsonObject)!.Select(v => v.Key).ToHashSet();
        foreach (var (name, service) in (compose.At("services") as JsonObject)!)
        {
            foreach (var mount in service.At("volumes")?.AsArray().Select(v => v!.GetValue<string>()) ?? [])
                Assert.Contains(mount.Split(':')[0], declared);
        }
        Assert.Contains("hubdata:/data", Service("hub").At("volumes")!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Contains("hubdata:/data", Service("inference").At("volumes")!.AsArray().Select(v => v!.GetValue<string>()));
    }

    [Fact]
    public void Every_variable_the_compose_file_uses_is_explained_in_env_example_and_nothing_more()
    {
        var used = Variable().Matches(File.ReadAllText(ComposePath)).Select(m => m.Groups[1].Value).ToHashSet();
        var lines = File.ReadAllLines(DeployFiles.Path("deploy", ".env.example"));
        var documented = new HashSet<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (Assignment().Match(lines[i]) is not { Success: true } m) continue;
            documented.Add(m.Groups[1].Value);
            // The comment above it, or above the group of settings it belongs to.
            var above = i - 1;
            while (above >= 0 && Assignment().IsMatch(lines[above])) above--;
            Assert.True(above >= 0 && lines[above].StartsWith('#') && !lines[above].StartsWith("# ---", StringComparison.Ordinal),
                $".env.example: {m.Groups[1].Value} has no explanation above it.");
        }
        Assert.Equal(used.Order(), documented.Order());
    }

    [Fact]
    public void Every_hub_setting_in_the_compose_file_is_one_the_hub_reads()
    {
        var names = (compose.At("x-hub-settings") as JsonObject)!.Select(p => p.Key)
            .Concat((compose.At("services") as JsonObject)!.Where(s => s.Key is "hub" or "inference" or "migrate")
                .SelectMany(s => (s.Value.At("environment") as JsonObject)?.Select(p => p.Key) ?? []))
            .Where(n => n != "<<");
        Assert.All(names, n => Assert.Null(HubSettings.Problem(n)));
    }

    [GeneratedRegex(@"\$\{([A-Z0-9_]+)")]
    private static partial Regex Variable();

    [GeneratedRegex("^([A-Z0-9_]+)=")]
    private static partial Regex Assignment();
}
