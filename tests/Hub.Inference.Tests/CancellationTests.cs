using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Inference.Batching;
using Hub.Inference.Tests.Infrastructure;

namespace Hub.Inference.Tests;

/// <summary>A caller that goes away stops the work done for it: its session run is terminated through RunOptions.Terminate.</summary>
[Collection(InferenceHubCollection.Name)]
public sealed class CancellationTests(InferenceHub hub)
{
    [Fact]
    public async Task A_client_that_disconnects_terminates_its_running_session_run()
    {
        var repo = await hub.RepoAsync("slow-graph", () => [new("model.onnx", TinyTaskModels.Slow())]);
        var name = repo.Replace("/", "--", StringComparison.Ordinal);
        var client = hub.Client(hub.AdminToken);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"v2/models/{name}/ready")).StatusCode);
        using var cancel = new CancellationTokenSource();
        var infer = client.PostAsJsonAsync($"v2/models/{name}/infer",
            new { inputs = new[] { new { name = "x", shape = new[] { 1, 1 }, datatype = "FP32", data = new[] { 0.0 } } } }, cancel.Token);

        await WaitForAsync(client, name, s => s["active_runs"]!.GetValue<long>() == 1);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => infer);

        // Without Terminate the run would go on for its hundreds of multiplications and end as a normal run.
        var stats = await WaitForAsync(client, name, s => s["active_runs"]!.GetValue<long>() == 0);
        Assert.Equal(1, stats["terminated_runs"]!.GetValue<long>());
        Assert.Equal(0, stats["session_runs"]!.GetValue<long>());
    }

    [Fact]
    public async Task A_batch_run_is_told_to_stop_only_when_every_caller_in_it_has_cancelled()
    {
        var started = new TaskCompletionSource<CancellationToken>(TaskCreationOptions.RunContinuationsAsynchronously);
        var options = new BatchingOptions { MaxBatchSize = 4, MaxQueueDelayMs = 1000, MaxQueueLength = 16 };
        await using var batcher = new DynamicBatcher<int, int>("test", options, (inputs, token) =>
        {
            started.TrySetResult(token);
            token.WaitHandle.WaitOne(TimeSpan.FromMinutes(1));
            token.ThrowIfCancellationRequested();
            return [.. inputs];
        }, _ => 1, new ModelStatsRecorder(new ModelStats(), "test", "0"), TimeProvider.System);
        using var first = new CancellationTokenSource();
        using var second = new CancellationTokenSource();
        var one = batcher.EnqueueAsync([1], first.Token);
        var two = batcher.EnqueueAsync([2], second.Token);
        var runToken = await started.Task.WaitAsync(TimeSpan.FromMinutes(1));

        await first.CancelAsync();
        Assert.False(runToken.IsCancellationRequested);
        await second.CancelAsync();
        Assert.True(runToken.IsCancellationRequested);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => one);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => two);
    }

    [Fact]
    public async Task A_request_cancelled_while_queued_leaves_the_queue_at_once_frees_its_place_and_never_runs()
    {
        using var gate = new ManualResetEventSlim();
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var ran = new ConcurrentQueue<int>();
        var options = new BatchingOptions { MaxBatchSize = 1, MaxQueueDelayMs = 0, MaxQueueLength = 2 };
        await using var batcher = new DynamicBatcher<int, int>("test", options, (inputs, _) =>
        {
            foreach (var input in inputs) ran.Enqueue(input);
            started.TrySetResult();
            gate.Wait(TimeSpan.FromMinutes(1), CancellationToken.None);
            return [.. inputs];
        }, _ => 1, new ModelStatsRecorder(new ModelStats(), "test", "0"), TimeProvider.System);
        // The first request runs and holds the model; the next two wait, filling the queue.
        var first = Task.Run(() => batcher.EnqueueAsync([1], CancellationToken.None));
        await started.Task.WaitAsync(TimeSpan.FromMinutes(1));
        using var cancel = new CancellationTokenSource();
        var second = batcher.EnqueueAsync([2], cancel.Token);
        var third = batcher.EnqueueAsync([3], CancellationToken.None);
        Assert.Equal(2, batcher.QueueLength);
        Assert.Throws<InferenceOverloadedException>(() => { _ = batcher.EnqueueAsync([4], CancellationToken.None); });

        await cancel.CancelAsync();

        // Answered at once, while the run ahead of it still holds the model; its place is free for another request.
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.False(first.IsCompleted);
        Assert.Equal(1, batcher.QueueLength);
        var fourth = batcher.EnqueueAsync([4], CancellationToken.None);
        gate.Set();
        Assert.Equal(new[] { 1 }, await first);
        Assert.Equal(new[] { 3 }, await third);
        Assert.Equal(new[] { 4 }, await fourth);
        Assert.Equal(new[] { 1, 3, 4 }, ran.ToArray());
        Assert.Equal(0, batcher.QueueLength);
    }

    private static async Task<JsonNode> WaitForAsync(HttpClient client, string name, Func<JsonNode, bool> condition)
    {
        JsonNode stats = new JsonObject();
        for (var i = 0; i < 1500; i++)
        {
            stats = JsonNode.Parse(await client.GetStringAsync($"v2/models/{name}/stats"))!;
            if (condition(stats)) return stats;
            await Task.Delay(200);
        }
        throw new TimeoutException($"The model's figures never got there: {stats.ToJsonString()}");
    }
}
