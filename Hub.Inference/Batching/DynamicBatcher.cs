using System.Threading.Channels;

namespace Hub.Inference.Batching;

/// <summary>
/// Batches the requests of one model: a bounded queue feeds one loop that takes whatever is queued (up to the max batch
/// size, waiting at most the max queue delay for more), groups it by sequence length so padding stays small, and makes
/// one session run per group; one run at a time per model. When the model is idle (nothing queued, nothing running, no
/// queue delay configured, and no batch of several requests in the last moment) a request runs at once on its caller's
/// thread, so a lone request pays no hand-off to the loop and back; under load everything goes through the queue, so
/// the first request of a burst does not run alone ahead of the rest. A request whose caller cancels leaves the queue at
/// once: its place counts no more towards the bound (and the queue depth reported), and it is skipped when the loop
/// reaches it. A run whose callers have all cancelled is told to stop (the run function gets a token that is cancelled then).
/// </summary>
internal sealed class DynamicBatcher<TIn, TOut> : IAsyncDisposable
{
    private readonly Channel<Pending> queue;
    private readonly BatchingOptions options;
    private readonly int maxBatchSize;
    private readonly Func<IReadOnlyList<TIn>, CancellationToken, TOut[]> run;
    private readonly Func<TIn, int> length;
    private readonly ModelStatsRecorder recorder;
    private readonly TimeProvider time;
    private readonly string model;
    /// <summary>How long after a batch of several requests the model still counts as under load.</summary>
    private static readonly TimeSpan LoadWindow = TimeSpan.FromMilliseconds(100);

    private readonly SemaphoreSlim running = new(1, 1);
    private long lastSharedRun;
    private readonly CancellationTokenSource stopping = new();
    private readonly Task loop;
    /// <summary>Requests queued and neither taken by the loop nor cancelled: what the bound applies to.</summary>
    private int waiting;

    public DynamicBatcher(string model, BatchingOptions options, Func<IReadOnlyList<TIn>, CancellationToken, TOut[]> run, Func<TIn, int> length, ModelStatsRecorder recorder, TimeProvider time)
    {
        this.model = model;
        this.options = options;
        maxBatchSize = options.MaxBatchSize ?? 1;
        this.run = run;
        this.length = length;
        this.recorder = recorder;
        this.time = time;
        // Unbounded channel, bounded count: a cancelled entry stays in the channel until the loop skips it, but frees its place at once.
        queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
        loop = Task.Run(() => LoopAsync(stopping.Token));
    }

    /// <summary>Requests waiting for a batch.</summary>
    public int QueueLength => Volatile.Read(ref waiting);

    /// <summary>Queues the inputs of one request (they may run in different batches); one result per input, in order.</summary>
    public Task<TOut[]> EnqueueAsync(IReadOnlyList<TIn> inputs, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var now = time.GetTimestamp();
        var pending = new Pending[inputs.Count];
        for (var i = 0; i < pending.Length; i++) pending[i] = new Pending(inputs[i], now, cancellationToken);
        if (options.MaxQueueDelayMs <= 0 && pending.Length <= maxBatchSize && Volatile.Read(ref waiting) == 0 && IsQuiet() && running.Wait(0, CancellationToken.None))
        {
            try
            {
                foreach (var item in pending) recorder.QueueTime(0);
                foreach (var group in GroupByLength([.. pending])) RunGroup(group);
            }
            finally
            {
                running.Release();
            }
            return Task.WhenAll(pending.Select(p => p.Done.Task));
        }
        if (Interlocked.Add(ref waiting, pending.Length) > options.MaxQueueLength)
        {
            // Full: the request is refused whole.
            Interlocked.Add(ref waiting, -pending.Length);
            recorder.Rejected();
            throw new InferenceOverloadedException(model, TimeSpan.FromSeconds(1));
        }
        foreach (var item in pending)
        {
            if (!queue.Writer.TryWrite(item))
            {
                Leave(item);
                item.Done.TrySetException(new ObjectDisposedException(model, "The model was unloaded."));
            }
        }
        if (cancellationToken.CanBeCanceled)
            foreach (var item in pending)
                item.Registration = cancellationToken.Register(state =>
                {
                    var cancelled = (Pending)state!;
                    if (cancelled.Done.TrySetCanceled()) Leave(cancelled);
                }, item);
        return Task.WhenAll(pending.Select(p => p.Done.Task));
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
        {
            Leave(left);
            left.Done.TrySetException(new ObjectDisposedException(model, "The model was unloaded."));
        }
        stopping.Dispose();
        running.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        var batch = new List<Pending>(maxBatchSize);
        while (await queue.Reader.WaitToReadAsync(cancellationToken))
        {
            await running.WaitAsync(cancellationToken);
            try
            {
                batch.Clear();
                Drain(batch);
                if (options.MaxQueueDelayMs > 0 && batch.Count is > 0 && batch.Count < maxBatchSize)
                    await WaitForMoreAsync(batch, cancellationToken);
                if (batch.Count == 0) continue;
                var now = time.GetTimestamp();
                if (batch.Count > 1) Volatile.Write(ref lastSharedRun, now);
                foreach (var item in batch) recorder.QueueTime(time.GetElapsedTime(item.Enqueued, now).TotalMilliseconds);
                foreach (var group in GroupByLength(batch)) RunGroup(group);
            }
            finally
            {
                running.Release();
            }
        }
    }

    private bool IsQuiet()
    {
        var last = Volatile.Read(ref lastSharedRun);
        return last == 0 || time.GetElapsedTime(last) > LoadWindow;
    }

    private void Drain(List<Pending> batch)
    {
        while (batch.Count < maxBatchSize && queue.Reader.TryRead(out var item))
        {
            Leave(item);
            if (item.Done.Task.IsCompleted) continue; // cancelled while queued: its place was already freed
            batch.Add(item);
        }
    }

    /// <summary>The request no longer waits (taken by the loop, cancelled or dropped); counted once whichever comes first.</summary>
    private void Leave(Pending item)
    {
        if (Interlocked.Exchange(ref item.Left, 1) == 0) Interlocked.Decrement(ref waiting);
    }

    private async Task WaitForMoreAsync(List<Pending> batch, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.MaxQueueDelayMs));
        try
        {
            while (batch.Count < maxBatchSize && await queue.Reader.WaitToReadAsync(deadline.Token))
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
        // The run is abandoned only when every caller in it has gone; one caller cancelling drops just its own result.
        using var abandoned = new CancellationTokenSource();
        var remaining = live.Count;
        var registrations = new CancellationTokenRegistration[live.Count];
        for (var i = 0; i < live.Count; i++)
            registrations[i] = live[i].Cancellation.Register(() =>
            {
                if (Interlocked.Decrement(ref remaining) == 0) abandoned.Cancel();
            });
        var started = time.GetTimestamp();
        try
        {
            var results = run([.. live.Select(p => p.Input)], abandoned.Token);
            recorder.Run(live.Count, time.GetElapsedTime(started).TotalMilliseconds);
            for (var i = 0; i < live.Count; i++) live[i].Done.TrySetResult(results[i]);
        }
        catch (Exception e)
        {
            foreach (var item in live) item.Done.TrySetException(e);
        }
        finally
        {
            foreach (var registration in registrations) registration.Dispose();
            foreach (var item in live) item.Registration.Dispose();
        }
    }

    private sealed class Pending(TIn input, long enqueued, CancellationToken cancellation)
    {
        public TIn Input { get; } = input;

        public long Enqueued { get; } = enqueued;

        public CancellationToken Cancellation { get; } = cancellation;

        public TaskCompletionSource<TOut> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public CancellationTokenRegistration Registration { get; set; }

        /// <summary>1 once the request has left the queue's count.</summary>
#pragma warning disable CA1051 // a field, for Interlocked
        public int Left;
#pragma warning restore CA1051
    }
}
