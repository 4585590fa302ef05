using System.Collections.Concurrent;
using Hub.Inference.Batching;

namespace Hub.Inference.Tests;

/// <summary>
/// How the batcher forms batches out of the requests that queue while a run holds the model: full batches of similar
/// lengths, the oldest request first, and a request cancelled while it waits for a batch never runs.
/// </summary>
public sealed class BatchFormationTests
{
    [Fact]
    public async Task Requests_queued_under_load_run_in_full_batches_of_similar_length()
    {
        await using var model = new GatedModel(maxBatchSize: 4);
        var first = model.HoldTheModel();
        await model.Started(1);
        // Short and long requests alternate in arrival; in arrival order every batch would pad the short ones to ~31.
        int[] lengths = [9, 30, 10, 31, 11, 32, 12, 33];
        var queued = lengths.Select(n => model.Batcher.EnqueueAsync([n], CancellationToken.None)).ToArray();
        Assert.Equal(8, model.Batcher.QueueLength);

        model.Release(3);

        await first;
        for (var i = 0; i < lengths.Length; i++) Assert.Equal(new[] { lengths[i] }, await queued[i]);
        Assert.Equal([[1], [9, 10, 11, 12], [30, 31, 32, 33]], model.Runs);
        Assert.Equal(0, model.Batcher.QueueLength);
    }

    [Fact]
    public async Task A_request_cancelled_while_it_waits_for_a_batch_frees_its_place_at_once_and_never_runs()
    {
        await using var model = new GatedModel(maxBatchSize: 1);
        var first = model.HoldTheModel();
        await model.Started(1);
        var second = model.Batcher.EnqueueAsync([2], CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var third = model.Batcher.EnqueueAsync([3], cancel.Token);
        var fourth = model.Batcher.EnqueueAsync([4], CancellationToken.None);
        // The loop takes the queue to choose from and runs the oldest; the others wait beside it for the next batch.
        model.Release(1);
        await model.Started(2);
        Assert.Equal(2, model.Batcher.QueueLength);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => third.WaitAsync(TimeSpan.FromMinutes(1)));
        Assert.Equal(1, model.Batcher.QueueLength);
        model.Release(2);
        Assert.Equal(new[] { 1 }, await first);
        Assert.Equal(new[] { 2 }, await second);
        Assert.Equal(new[] { 4 }, await fourth);
        Assert.Equal([[1], [2], [4]], model.Runs);
    }

    /// <summary>A batcher whose runs each wait for a permit, recording the inputs of every run.</summary>
    private sealed class GatedModel : IAsyncDisposable
    {
        private readonly SemaphoreSlim permits = new(0);
        private readonly ConcurrentQueue<int[]> runs = new();
        private readonly SemaphoreSlim started = new(0);

        public GatedModel(int maxBatchSize)
        {
            var options = new BatchingOptions { MaxBatchSize = maxBatchSize, MaxQueueDelayMs = 0, MaxQueueLength = 64 };
            Batcher = new DynamicBatcher<int, int>("test", options, (inputs, _) =>
            {
                runs.Enqueue([.. inputs]);
                started.Release();
                if (!permits.Wait(TimeSpan.FromMinutes(1), CancellationToken.None)) throw new TimeoutException("The test never let the run finish.");
                return [.. inputs];
            }, n => n, new ModelStatsRecorder(new ModelStats(), "test", "0"), TimeProvider.System);
        }

        public DynamicBatcher<int, int> Batcher { get; }

        public int[][] Runs => [.. runs];

        /// <summary>A lone request on an idle model runs at once on its caller's thread: started on another, it holds the model.</summary>
        public Task<int[]> HoldTheModel() => Task.Run(() => Batcher.EnqueueAsync([1], CancellationToken.None));

        /// <summary>Waits until <paramref name="count"/> runs have started in all.</summary>
        public async Task Started(int count)
        {
            while (runs.Count < count) Assert.True(await started.WaitAsync(TimeSpan.FromMinutes(1)), "No run started.");
        }

        public void Release(int count) => permits.Release(count);

        public async ValueTask DisposeAsync()
        {
            permits.Release(100);
            await Batcher.DisposeAsync();
            permits.Dispose();
            started.Dispose();
        }
    }
}
