using System.Threading.Channels;

namespace Hub.Inference.Batching;

/// <summary>
/// Batches the requests of one model: a bounded queue feeds one loop that takes whatever is queued (waiting at most the
/// max queue delay for more when less than a batch is there), picks the next batch of up to the max batch size from it
/// (<see cref="BatchSelection"/>: the oldest request with the neighbours in length that pad least), groups that by
/// sequence length so padding stays small, and makes one session run per group; one run at a time per model. When the
/// model is idle (nothing queued, nothing running, no queue delay configured, and no batch of several requests in the
/// last moment) a request runs at once on its caller's thread, so a lone request pays no hand-off to the loop and back;
/// under load everything goes through the queue, so the first request of a burst does not run alone ahead of the rest.
/// A request whose caller cancels leaves the queue at once: its place counts no more towards the bound (and the queue
/// depth reported), and it is skipped when the loop reaches it. A run whose callers have all cancelled is told to stop
/// (the run function gets a token that is cancelled then).
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
    /// <summary>
    /// Requests the loop has taken off the channel to choose the next batch from; only the loop touches it (and
    /// <see cref="DisposeAsync"/> once the loop has ended).
    /// </summary>
    private readonly List<Pending> waitingRoom;
    private readonly int waitingRoomSize;
    /// <summary>Requests queued (in the channel or the waiting room), neither run nor cancelled: what the bound applies to.</summary>
    private int waiting;

    public DynamicBatcher(string model, BatchingOptions options, Func<IReadOnlyList<TIn>, CancellationToken, TOut[]> run, Func<TIn, int> length, ModelStatsRecorder recorder, TimeProvider time)
    {
        this.model = model;
        this.options = options;
        maxBatchSize = options.MaxBatchSize ?? 1;
        // Enough requests to find batches of similar lengths in, few enough that choosing stays negligible.
        waitingRoomSize = Math.Max(64, 8 * maxBatchSize);
        waitingRoom = new List<Pending>(waitingRoomSize);
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
        // More inputs than the whole queue holds would be refused as "full" forever: a 429 the client retries in vain.
        if (pending.Length > options.MaxQueueLength)
            throw new ArgumentException($"{model} queues at most {options.MaxQueueLength} inputs; this request has {pending.Length}. Split it into smaller requests.");
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
        while (queue.Reader.TryRead(out var left)) waitingRoom.Add(left);
        foreach (var left in waitingRoom)
        {
            Leave(left);
            left.Done.TrySetException(new ObjectDisposedException(model, "The model was unloaded."));
        }
        waitingRoom.Clear();
        stopping.Dispose();
        running.Dispose();
    }

    private async Task LoopAsync(CancellationToken cancellationToken)
    {
        while (waitingRoom.Count > 0 || await queue.Reader.WaitToReadAsync(cancellationToken))
        {
            await running.WaitAsync(cancellationToken);
            try
            {
                Drain();
                if (options.MaxQueueDelayMs > 0 && waitingRoom.Count is > 0 && waitingRoom.Count < maxBatchSize)
                    await WaitForMoreAsync(cancellationToken);
                if (waitingRoom.Count == 0) continue;
                var batch = TakeBatch();
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

    /// <summary>Moves queued requests into the waiting room (up to its size), dropping those cancelled meanwhile.</summary>
    private void Drain()
    {
        waitingRoom.RemoveAll(p => p.Done.Task.IsCompleted);
        while (waitingRoom.Count < waitingRoomSize && queue.Reader.TryRead(out var item))
        {
            if (item.Done.Task.IsCompleted) continue; // cancelled while queued: its place was already freed
            waitingRoom.Add(item);
        }
    }

    /// <summary>The next batch (<see cref="BatchSelection"/>), out of the waiting room; its requests no longer count as waiting.</summary>
    private List<Pending> TakeBatch()
    {
        var chosen = BatchSelection.Next([.. waitingRoom.Select(p => length(p.Input))], maxBatchSize);
        var batch = chosen.Select(i => waitingRoom[i]).ToList();
        foreach (var i in chosen.Order().Reverse()) waitingRoom.RemoveAt(i);
        foreach (var item in batch) Leave(item);
        return batch;
    }

    /// <summary>The request no longer waits (taken by the loop, cancelled or dropped); counted once whichever comes first.</summary>
    private void Leave(Pending item)
    {
        if (Interlocked.Exchange(ref item.Left, 1) == 0) Interlocked.Decrement(ref waiting);
    }

    private async Task WaitForMoreAsync(CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromMilliseconds(options.MaxQueueDelayMs));
        try
        {
            while (waitingRoom.Count < maxBatchSize && await queue.Reader.WaitToReadAsync(deadline.Token))
                Drain();
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
