using System.Collections.Concurrent;
using Hub.Storage.Metadata.Inference;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// What this API process knows of one worker: its last heartbeat, the requests it has in flight there, when it last
/// failed, and which models it answered for since its last heartbeat (so affinity holds between heartbeats).
/// </summary>
public sealed class WorkerState(InferenceWorkerRecord initial)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> answered = new(StringComparer.Ordinal);
    private InferenceWorkerRecord record = initial;
    private int inFlight;
    private Failure? failed;

    public string Id => record.Id;

    public InferenceWorkerRecord Record
    {
        get => Volatile.Read(ref record);
        set => Volatile.Write(ref record, value);
    }

    public Uri BaseUri => new(Record.Url.EndsWith('/') ? Record.Url : Record.Url + "/");

    public int InFlight => Volatile.Read(ref inFlight);

    /// <summary>This API's requests in flight there, plus what the worker had queued at its last heartbeat.</summary>
    public int Load => InFlight + Record.QueueLength;

    public void Begin() => Interlocked.Increment(ref inFlight);

    public void End() => Interlocked.Decrement(ref inFlight);

    /// <summary>True when the worker has the model (<c>ns/name@commit</c>) loaded, as its heartbeat or a later answer says.</summary>
    public bool Has(string modelKey)
    {
        var current = Record;
        if (current.LoadedModels.Contains(modelKey, StringComparer.Ordinal)) return true;
        return answered.TryGetValue(modelKey, out var at) && at > current.LastHeartbeatAt;
    }

    public void Answered(string modelKey, DateTimeOffset at) => answered[modelKey] = at;

    /// <summary>Notes a failure at <paramref name="at"/> (this process's clock) and the heartbeat known then.</summary>
    public void Failed(DateTimeOffset at) => Volatile.Write(ref failed, new Failure(at, Record.LastHeartbeatAt));

    /// <summary>
    /// True while a recent failure keeps the worker out, until a newer heartbeat shows it alive (compared with the
    /// heartbeat known at the failure, so the clocks of the two machines never meet).
    /// </summary>
    public bool IsBackingOff(DateTimeOffset now, TimeSpan backoff) =>
        Volatile.Read(ref failed) is { } f && now - f.At < backoff && Record.LastHeartbeatAt == f.Heartbeat;

    /// <summary>A failure seen by this process, and the worker's heartbeat known then.</summary>
    private sealed record Failure(DateTimeOffset At, DateTimeOffset Heartbeat);
}
