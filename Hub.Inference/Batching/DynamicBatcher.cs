using System.Threading.Channels;

namespace Hub.Inference.Batching;

/// <summary>
/// Batches the requests of one model: a bounded queue feeds one loop that takes whatever is queued (up to the max batch
/// size, waiting at most the max queue delay for more), groups it by sequence length so padding stays small, and makes
/// one session run per group. A request whose caller cancels is dropped before its batch runs.
/// </summary>
internal sealed class DynamicBatcher<TIn, TOut> : IAsyncDisposable
{
    private readonly Channel<Pending> queue;
    private readonly BatchingOptions options;
    private readonly Func<IReadOnlyList<TIn>, TOut[]> run;
    private readonly Func<TIn, int> length;
    private readonly ModelStatsRecorder recorder;
    private readonly TimeProvider time;
    private readonly string model;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;

    public DynamicBatcher(string model, BatchingOptions options, Func<IReadOnlyList<TIn>, TOut[]> run, Func<TIn, int> length, ModelStatsRecorder recorder, TimeProvider time)
    {
        this.model = model;
        this.options = options;
        this.run = run;
        this.length = length;
        this.recorder = recorder;
        this.time = time;
        queue = Channel.CreateBounded<Pending>(new BoundedChannelOptions(options.MaxQueueLength) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        loop = Task.Run(() => LoopAsync(stopping.Token));
    }

    /// <summary>Requests waiting for a batch.</summary>
    public int QueueLength => queue.Reader.Count;

    public Task<TOut> EnqueueAsync(TIn input, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var pending = new Pending(input, time.GetTimestamp());
        if (!queue.Writer.TryWrite(pending))
        {
            recorder.Rejected();
            throw new InferenceOverloadedException(model, TimeSpan.FromSeconds(1));
        }
        if (cancellationToken.CanBeCanceled)
            pending.Registration = cancellationToken.Register(static state => ((Pending)state!).Done.TrySetCanceled(), pending);
        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await stopping.CancelAsync();
        try
        {
            await loop;
        }
        catch (OperationCanceledException)
        {
        }
        while (queue.Reader.TryRead(out var left))
            left.Done.TrySetException(new ObjectDisposedException(model, "The model was unloaded."));
        stopping.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>(options.MaxBatchSize);
        while (await queue.Reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            Drain(batch);
            if (options.MaxQueueDelayMs > 0 && batch.Count is > 0 && batch.Count < options.MaxBatchSize)
                await WaitForMoreAsync(batch, cancellationToken);
            if (batch.Count == 0) continue;
            var now = time.GetTimestamp();
            foreach (var item in batch) recorder.QueueTime(time.GetElapsedTime(item.Enqueued, now).TotalMilliseconds);
            foreach (var group in GroupByLength(batch)) RunGroup(group);
        }
    }

    private void Drain(List<Pending> batch)
    {
        while (batch.Count < options.MaxBatchSize && queue.Reader.TryRead(out var item))
        {
            if (item.Done.Task.IsCompleted) continue; // cancelled while queued
            batch.Add(item);
        }
    }

    private async Task WaitForMoreAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.MaxQueueDelayMs));
        try
        {
            while (batch.Count < options.MaxBatchSize && await queue.Reader.WaitToReadAsync(deadline.Token))
                Drain(batch);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Sorted by length; a new group starts where the length more than doubles, so short inputs are not padded to long ones.</summary>
    private IEnumerable<List<Pending>> GroupByLength(List<Pending> batch)
    {
        var sorted = batch.OrderBy(p => length(p.Input)).ToList();
        var group = new List<Pending>();
        var shortest = 0;
        foreach (var item in sorted)
        {
            var n = length(item.Input);
            if (group.Count > 0 && n > 2 * shortest + 16)
            {
                yield return group;
                group = [];
            }
            if (group.Count == 0) shortest = n;
            group.Add(item);
        }
        if (group.Count > 0) yield return group;
    }

    private void RunGroup(List<Pending> group)
    {
        var live = group.Where(p => !p.Done.Task.IsCompleted).ToList();
        if (live.Count == 0) return;
        var started = time.GetTimestamp();
        try
        {
            var results = run([.. live.Select(p => p.Input)]);
            recorder.Run(live.Count, time.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < live.Count; i++) live[i].Done.TrySetResult(results[i]);
        }
        catch (Exception e)
        {
            foreach (var item in live) item.Done.TrySetException(e);
        }
        finally
        {
            foreach (var item in live) item.Registration.Dispose();
        }
    }

    private sealed class Pending(TIn input, long enqueued)
    {
        public TIn Input { get; } = input;

        public long Enqueued { get; } = enqueued;

        public TaskCompletionSource<TOut> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }
    }
}
