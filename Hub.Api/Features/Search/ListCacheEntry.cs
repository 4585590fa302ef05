namespace Hub.Api.Features.Search;

/// <summary>A list page as sent: the serialized body and what the Link header is made of.</summary>
/// <param name="body">The JSON array exactly as written to the client.</param>
/// <param name="nextCursor">The cursor of the next page (the Link header), or null on the last page.</param>
/// <param name="repositoryIds">The repositories on the page (their download counts are in the body).</param>
/// <param name="fill">What was current when the page was read from the database.</param>
public sealed class ListCacheEntry(byte[] body, string? nextCursor, string[] repositoryIds, ListCacheFill fill)
{
    private long lastUsed = fill.Timestamp;

    /// <summary>The JSON array exactly as written to the client.</summary>
    public byte[] Body { get; } = body;

    /// <summary>The cursor of the next page, or null on the last page.</summary>
    public string? NextCursor { get; } = nextCursor;

    /// <summary>The repositories on the page.</summary>
    public string[] RepositoryIds { get; } = repositoryIds;

    /// <summary>What was current when the page was read.</summary>
    public ListCacheFill Fill { get; } = fill;

    /// <summary>When it was last served (a <see cref="TimeProvider.GetTimestamp"/> value), for least-recently-used eviction.</summary>
    public long LastUsed
    {
        get => Interlocked.Read(ref lastUsed);
        set => Interlocked.Exchange(ref lastUsed, value);
    }

    /// <summary>Approximate bytes held: body, key, ids, object overhead.</summary>
    public long Size(string key) => Body.Length + (2L * key.Length) + (RepositoryIds.Length * 80L) + 256;
}
