using System.Collections.Concurrent;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Recent facet counts by query and viewer, for <see cref="RepositoryFacetStore.CacheLifetime"/>: counting groups over
/// the whole filtered set costs hundreds of milliseconds at 100,000 repositories, and list pages ask for the same
/// counts again and again. Bounded: when full, expired entries go, then everything.
/// </summary>
internal sealed class RepositoryFacetCache(TimeProvider time, TimeSpan lifetime, int capacity = 4096)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset Expires, Task<RepositoryFacets> Counts)> entries = new(StringComparer.Ordinal);

    /// <summary>The cached counts for <paramref name="key"/>, or those <paramref name="count"/> makes (once, for concurrent askers).</summary>
    public async Task<RepositoryFacets> GetOrCountAsync(string key, Func<Task<RepositoryFacets>> count)
    {
        var now = time.GetUtcNow();
        if (entries.TryGetValue(key, out var hit) && hit.Expires > now)
        {
            try
            {
                return await hit.Counts;
            }
            catch (Exception) when (!hit.Counts.IsCompletedSuccessfully)
            {
                entries.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<RepositoryFacets>)>(key, hit));
                throw;
            }
        }
        if (entries.Count >= capacity) Trim(now);
        var counting = count();
        entries[key] = (now + lifetime, counting);
        try
        {
            return await counting;
        }
        catch (Exception)
        {
            entries.TryRemove(new KeyValuePair<string, (DateTimeOffset, Task<RepositoryFacets>)>(key, (now + lifetime, counting)));
            throw;
        }
    }

    private void Trim(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.Expires <= now) entries.TryRemove(key, out _);
        }
        if (entries.Count >= capacity) entries.Clear();
    }
}
