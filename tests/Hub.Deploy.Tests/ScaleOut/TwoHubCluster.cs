using Hub.Deploy.Tests.Cluster;
using Hub.Testing;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// Two hub processes (roles api+web) and two inference worker processes on the test services (PostgreSQL, Ceph RGW),
/// the hubs behind the round-robin proxy routing inference to the workers.
/// </summary>
public sealed class TwoHubCluster : IAsyncLifetime
{
    public HubCluster Cluster { get; private set; } = null!;

    public InferenceWorkers Inference { get; private set; } = null!;

    public static ClusterServices Services => new(TestServices.PostgresConnectionString, TestServices.S3Url, TestServices.S3AccessKey, TestServices.S3SecretKey);

    /// <summary>Two hubs with the pool's settings plus <paramref name="extra"/>, then two workers warming MiniLM.</summary>
    public static async Task<(HubCluster Cluster, InferenceWorkers Inference)> StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>(InferenceWorkers.HubSettings);
        foreach (var (key, value) in extra ?? new Dictionary<string, string>()) settings[key] = value;
        var cluster = await HubCluster.StartAsync(Services, 2, settings);
        try
        {
            return (cluster, await InferenceWorkers.StartAsync(cluster, 2));
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async Task InitializeAsync() =>
        (Cluster, Inference) = await StartAsync(new Dictionary<string, string> { ["Hub:Lists:MaxPageSize"] = "2" });

    public async Task DisposeAsync()
    {
        Inference?.Dispose();
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
