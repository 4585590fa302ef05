using Hub.Deploy.Tests.Cluster;
using Hub.Testing;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>Two hub processes on the test services (PostgreSQL, Ceph RGW) behind the round-robin proxy.</summary>
public sealed class TwoHubCluster : IAsyncLifetime
{
    public HubCluster Cluster { get; private set; } = null!;

    public static ClusterServices Services => new(TestServices.PostgresConnectionString, TestServices.S3Url, TestServices.S3AccessKey, TestServices.S3SecretKey);

    public async Task InitializeAsync() =>
        Cluster = await HubCluster.StartAsync(Services, 2, new Dictionary<string, string> { ["Hub:Lists:MaxPageSize"] = "2" });

    public async Task DisposeAsync()
    {
        if (Cluster is not null) await Cluster.DisposeAsync();
    }
}
