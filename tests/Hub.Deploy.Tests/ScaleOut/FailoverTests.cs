using Hub.Deploy.Tests.Cluster;
using Xunit.Abstractions;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>
/// One of two hub processes and one of two inference workers are killed (SIGKILL) while clients commit, read and run
/// inference through the proxy.
/// </summary>
public sealed class FailoverTests(ITestOutputHelper output) : IAsyncLifetime
{
    private HubCluster cluster = null!;
    private InferenceWorkers inference = null!;

    public async Task InitializeAsync() => (cluster, inference) = await TwoHubCluster.StartAsync();

    public async Task DisposeAsync()
    {
        inference?.Dispose();
        if (cluster is not null) await cluster.DisposeAsync();
    }

    [Fact]
    public async Task Killing_one_hub_and_one_worker_mid_load_costs_clients_retries_at_most_and_loses_no_acknowledged_commit()
    {
        using var client = cluster.Client(cluster.AdminToken);
        var repo = "admin/failover-" + Guid.NewGuid().ToString("N")[..8];
        await HubChecks.CreateRepoAsync(client, repo.Split('/')[1]);
        var writers = new CommitWriters(client, repo);
        var embedders = new EmbeddingClients(client, inference.Repo);
        await embedders.ReferenceAsync();
        using var stopReading = new CancellationTokenSource();
        var reads = ReadUntilStoppedAsync(client, repo, stopReading.Token);

        var load = writers.RunAsync(writers: 4, commitsEach: 12, "load", CancellationToken.None);
        long embeddedAtKill = -1;
        var embeddings = embedders.RunAsync(clients: 8, until: () => load.IsCompleted && Interlocked.Read(ref embeddedAtKill) >= 0 && embedders.Completed >= Interlocked.Read(ref embeddedAtKill) + 32);
        // Kill once the load is well under way: some commits and embeddings answered, more in flight.
        while ((writers.Acknowledged.Count < 12 || embedders.Completed < 16) && !load.IsCompleted) await Task.Delay(20);
        cluster.Hubs[0].Kill();
        inference.Workers[0].Kill();
        Interlocked.Exchange(ref embeddedAtKill, embedders.Completed);
        await load;
        await embeddings;
        await stopReading.CancelAsync();
        var readCount = await reads;

        // Every inference request was answered with the right vector, after retries at most, also after the kill.
        Assert.True(embedders.Failures.IsEmpty, string.Join("\n", embedders.Failures) + "\n" + inference.Logs());
        Assert.True(inference.Workers[0].HasExited);
        Assert.False(inference.Workers[1].HasExited, inference.Logs());

        Assert.Equal(48, writers.Acknowledged.Count);
        Assert.True(writers.Conflicts == 0, $"{writers.Conflicts} commits were answered 412: commits to one branch should queue across processes.");
        await HubChecks.NothingLostAsync(client, repo, writers.Acknowledged);
        Assert.True(cluster.Hubs[0].HasExited);
        Assert.False(cluster.Hubs[1].HasExited, cluster.Logs());
        Assert.True(readCount > 0);
        output.WriteLine($"failover: {writers.Retries} commit retries, {writers.Conflicts} 412s, {cluster.Proxy.Retries} proxy retries, {readCount} reads, " +
            $"{embedders.Completed} embeddings ({embedders.Completed - embeddedAtKill} after the kill) with {embedders.Retries} client retries");
    }

    /// <summary>Readers of the repository through the proxy: GETs the proxy may replay on the surviving process.</summary>
    private static async Task<int> ReadUntilStoppedAsync(HttpClient client, string repo, CancellationToken stop)
    {
        var count = 0;
        while (!stop.IsCancellationRequested)
        {
            for (var attempt = 1; ; attempt++)
            {
                try
                {
                    using var response = await client.GetAsync($"api/models/{repo}", CancellationToken.None);
                    if (response.IsSuccessStatusCode) break;
                    Assert.True((int)response.StatusCode is 502 or 503 or 504 && attempt < 5, $"read failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(CancellationToken.None)}");
                }
                catch (HttpRequestException) when (attempt < 5)
                {
                    // A connection cut by the kill: read again.
                }
            }
            count++;
        }
        return count;
    }
}
