namespace Hub.Storage.Blobs;

/// <summary>
/// Striped async locks that serialise the two-step updates of one key (hash record, then object) inside this process.
/// </summary>
/// <remarks>
/// Keys share a stripe now and then; the sections guarded are a stat or a rename long, so that costs nothing. The
/// semaphores are never waited on through a wait handle, so they hold nothing that needs disposing.
/// </remarks>
internal sealed class KeyLocks
{
    private const int Stripes = 64;
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, Stripes).Select(_ => new SemaphoreSlim(1, 1))];

    public async Task<Held> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(uint)StringComparer.Ordinal.GetHashCode(key) % Stripes];
        await stripe.WaitAsync(cancellationToken);
        return new Held(stripe);
    }

    /// <summary>Releases the stripe on dispose.</summary>
    public readonly struct Held(SemaphoreSlim stripe) : IDisposable
    {
        public void Dispose() => stripe.Release();
    }
}
