using System.Collections.Concurrent;
using Hub.Api.Features.Repos;
using Hub.Storage.Metadata;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Search;

/// <summary>
/// Serialized repository list pages (<c>GET /api/models|datasets|spaces</c>) by query and visibility
/// (<see cref="ListCacheKey"/>), so a hot list is written without touching the database or serializing again.
/// </summary>
/// <remarks>
/// <para>Never stale for what lists show of a repository: every repository write, like and stats recompute publishes
/// on the metadata change feed, which clears this cache in every hub process before the writer answers; while the feed
/// is down nothing is served from here. A page read while a change came in is not kept.</para>
/// <para>Download counts: a download counted by this process makes the pages showing that repository miss at once, and
/// a flush of counts (which may reorder sorts) makes every older page miss. Counts written by other processes show
/// within <see cref="RepoListOptions.CacheTtl"/> after their flush.</para>
/// <para>Bounded: at most <see cref="RepoListOptions.CacheSizeMb"/>, least recently used pages go first.</para>
/// </remarks>
public sealed class ListResponseCache
{
    private readonly ConcurrentDictionary<string, ListCacheEntry> entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Flight> flights = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly MetadataChanges changes;
    private readonly DownloadCounter downloads;
    private readonly TimeProvider time;
    private readonly RepoListOptions options;
    private readonly long maxBytes;
    private long bytes;
    private long hits;
    private long misses;

    public ListResponseCache(MetadataChanges changes, DownloadCounter downloads, TimeProvider time, IOptions<RepoListOptions> options)
    {
        this.changes = changes;
        this.downloads = downloads;
        this.time = time;
        this.options = options.Value;
        maxBytes = this.options.CacheSizeMb * 1024L * 1024;
        changes.Subscribe(topic =>
        {
            if (topic is MetadataChanges.Repositories or MetadataChanges.Listings or "*") Clear();
        });
    }

    /// <summary>False when turned off in settings (<see cref="RepoListOptions.CacheEnabled"/>, a zero TTL).</summary>
    public bool Enabled => options.CacheEnabled && options.CacheTtl > TimeSpan.Zero;

    /// <summary>Pages served from the cache (or from a read another request made at the same time) since the start.</summary>
    public long Hits => Interlocked.Read(ref hits);

    /// <summary>Pages read from the database since the start.</summary>
    public long Misses => Interlocked.Read(ref misses);

    /// <summary>Pages held now.</summary>
    public int Count => entries.Count;

    /// <summary>
    /// The page cached under <paramref name="key"/>, else the page <paramref name="read"/> reads (and caches). Requests
    /// missing the same page at the same time share one read, if it began after every change they could know of.
    /// </summary>
    public async Task<ListCacheEntry> GetOrReadAsync(string key, Func<ListCacheFill, CancellationToken, Task<ListCacheEntry>> read, CancellationToken ct)
    {
        if (Find(key) is { } hit)
        {
            Interlocked.Increment(ref hits);
            return hit;
        }
        var fill = BeginFill();
        if (changes.IsLive && flights.TryGetValue(key, out var flight) && flight.Fill.Generation == fill.Generation
            && flight.Fill.Counted == fill.Counted && flight.Fill.Written == fill.Written)
        {
            Interlocked.Increment(ref hits);
            return await flight.Page.WaitAsync(ct);
        }
        Interlocked.Increment(ref misses);
        var page = new TaskCompletionSource<ListCacheEntry>(TaskCreationOptions.RunContinuationsAsynchronously);
        var mine = new Flight(fill, page.Task);
        flights[key] = mine;
        try
        {
            // Not cancelled with this request: others may be waiting for the same page.
            var entry = await read(fill, CancellationToken.None);
            Add(key, entry);
            page.SetResult(entry);
            return entry;
        }
        catch (Exception e)
        {
            page.SetException(e);
            _ = page.Task.Exception;
            throw;
        }
        finally
        {
            flights.TryRemove(KeyValuePair.Create(key, mine));
        }
    }

    private ListCacheEntry? Find(string key)
    {
        if (!changes.IsLive || !entries.TryGetValue(key, out var entry)) return null;
        var fill = entry.Fill;
        if (time.GetElapsedTime(fill.Timestamp) <= options.CacheTtl
            && downloads.WrittenVersion == fill.Written
            && !downloads.CountedSince(fill.Counted, entry.RepositoryIds))
        {
            entry.LastUsed = time.GetTimestamp();
            return entry;
        }
        Remove(key, entry);
        return null;
    }

    /// <summary>What is current now; read before the database read of a page that may be cached.</summary>
    public ListCacheFill BeginFill() => new(changes.Generation, downloads.CountedVersion, downloads.WrittenVersion, time.GetTimestamp());

    /// <summary>Keeps a page read after its <see cref="ListCacheEntry.Fill"/>, unless a change came in meanwhile.</summary>
    private void Add(string key, ListCacheEntry entry)
    {
        if (!changes.IsLive || changes.Generation != entry.Fill.Generation) return;
        var size = entry.Size(key);
        if (size > maxBytes / 8) return;
        lock (gate)
        {
            if (entries.TryGetValue(key, out var old)) bytes -= old.Size(key);
            entries[key] = entry;
            bytes += size;
            if (bytes > maxBytes) Evict();
        }
        // A change raised between the check above and the insert cleared the cache before this page was in it.
        if (changes.Generation != entry.Fill.Generation) Remove(key, entry);
    }

    /// <summary>Drops every page (in this process).</summary>
    public void Clear()
    {
        lock (gate)
        {
            entries.Clear();
            bytes = 0;
        }
    }

    private void Remove(string key, ListCacheEntry entry)
    {
        lock (gate)
        {
            if (entries.TryRemove(KeyValuePair.Create(key, entry))) bytes -= entry.Size(key);
        }
    }

    // Under the gate: least recently used first, down to three quarters of the budget.
    private void Evict()
    {
        foreach (var (key, entry) in entries.ToArray().OrderBy(kv => kv.Value.LastUsed))
        {
            if (bytes <= maxBytes * 3 / 4) break;
            if (entries.TryRemove(key, out var removed)) bytes -= removed.Size(key);
        }
    }

    private sealed record Flight(ListCacheFill Fill, Task<ListCacheEntry> Page);
}
