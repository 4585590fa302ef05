using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Counts each facet with one grouped query over the filtered rows (<see cref="RepositoryFacetFilter"/>): columns for
/// task and library, the tag table for license and language, the namespace for author; the five run at once, and their
/// result is reused for <see cref="CacheLifetime"/> (<see cref="RepositoryFacetCache"/>).
/// </summary>
internal sealed class RepositoryFacetStore(IHubDbContextFactory factory, TimeProvider time) : IRepositoryFacetStore
{
    public const int MaxTop = 100;

    /// <summary>How long counts are reused for the same query and viewer (counts may lag changes by this much).</summary>
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private const string LicensePrefix = "license:";
    private readonly RepositoryFacetCache cache = new(time, CacheLifetime);

    public Task<RepositoryFacets> CountAsync(RepositoryQuery query, int top, CancellationToken cancellationToken)
    {
        top = Math.Clamp(top, 1, MaxTop);
        // The counting is shared by concurrent askers of the same key, so no one asker's cancellation stops it.
        return cache.GetOrCountAsync(Key(query, top), () => CountNowAsync(query, top, CancellationToken.None)).WaitAsync(cancellationToken);
    }

    /// <summary>The five facets, each counted on its own connection at the same time.</summary>
    private async Task<RepositoryFacets> CountNowAsync(RepositoryQuery query, int top, CancellationToken cancellationToken)
    {
        var tasks = CountOneAsync(query, RepositoryFacetKind.Task, top, cancellationToken);
        var libraries = CountOneAsync(query, RepositoryFacetKind.Library, top, cancellationToken);
        var licenses = CountOneAsync(query, RepositoryFacetKind.License, top, cancellationToken);
        var languages = CountOneAsync(query, RepositoryFacetKind.Language, top, cancellationToken);
        var authors = CountOneAsync(query, RepositoryFacetKind.Author, top, cancellationToken);
        await Task.WhenAll(tasks, libraries, licenses, languages, authors);
        return new RepositoryFacets(await tasks, await libraries, await licenses, await languages, await authors);
    }

    private async Task<IReadOnlyList<RepositoryFacetCount>> CountOneAsync(RepositoryQuery query, RepositoryFacetKind kind, int top, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = RepositoryFacetFilter.Rows(db, query, kind);
        switch (kind)
        {
            case RepositoryFacetKind.Task:
                return await TopAsync(rows.Where(r => r.PipelineTag != null).GroupBy(r => r.PipelineTag!)
                    .Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);
            case RepositoryFacetKind.Library:
                return await TopAsync(rows.Where(r => r.LibraryName != null).GroupBy(r => r.LibraryName!)
                    .Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);
            case RepositoryFacetKind.License:
            {
                var ids = rows.Select(r => r.Id);
                var licenses = await TopAsync(
                    db.RepositoryTags.AsNoTracking().Where(t => t.Tag.StartsWith(LicensePrefix) && ids.Contains(t.RepositoryId))
                        .GroupBy(t => t.Tag).Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);
                return [.. licenses.Select(c => new RepositoryFacetCount(c.Value[LicensePrefix.Length..], c.Count))];
            }
            case RepositoryFacetKind.Language:
            {
                var ids = rows.Select(r => r.Id);
                var tags = db.RepositoryTags.AsNoTracking().Where(t => ids.Contains(t.RepositoryId));
                var dataset = query.Type == "dataset";
                tags = dataset
                    ? tags.Where(t => t.Tag.StartsWith(RepositoryFacetLanguages.DatasetPrefix))
                    : tags.Where(t => RepositoryFacetLanguages.Codes.Contains(t.Tag));
                var languages = await TopAsync(tags.GroupBy(t => t.Tag).Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);
                return dataset ? [.. languages.Select(c => new RepositoryFacetCount(c.Value[RepositoryFacetLanguages.DatasetPrefix.Length..], c.Count))] : languages;
            }
            default:
            {
                var counts = await rows.GroupBy(r => r.NamespaceId).Select(g => new { g.Key, Count = g.LongCount() })
                    .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(top * 2).ToListAsync(cancellationToken);
                var namespaceIds = counts.ConvertAll(a => a.Key);
                var names = await db.Namespaces.AsNoTracking().Where(n => namespaceIds.Contains(n.Id)).Select(n => new { n.Id, n.Name })
                    .ToDictionaryAsync(n => n.Id, n => n.Name, cancellationToken);
                return Ordered(counts.Where(a => names.ContainsKey(a.Key)).Select(a => new Counted { Value = names[a.Key], Count = a.Count }), top);
            }
        }
    }

    /// <summary>Everything the counts depend on: the query's filters, the top, and what the viewer may see.</summary>
    private static string Key(RepositoryQuery q, int top)
    {
        var viewer = q.Viewer.IsAdmin
            ? "admin"
            : string.Join(',', q.Viewer.NamespaceIds.Distinct().Order()) + ";" + string.Join(',', (q.Viewer.RepositoryIds ?? []).Distinct().Order(StringComparer.Ordinal));
        var tags = string.Join('\u001f', (q.Tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        return string.Join('\u001e', q.Type, q.Search?.Trim(), q.Author?.Trim(), tags, q.PipelineTag, q.Gated?.ToString(), q.Library?.Trim(), q.License?.Trim(), q.Language?.Trim(),
            top.ToString(System.Globalization.CultureInfo.InvariantCulture), viewer);
    }

    private static async Task<List<RepositoryFacetCount>> TopAsync(IQueryable<Counted> counts, int top, CancellationToken cancellationToken)
    {
        // The database orders by count only: a tie's order is settled here, by ordinal value, the same on both providers.
        var rows = await counts.OrderByDescending(c => c.Count).Take(top * 2).ToListAsync(cancellationToken);
        return Ordered(rows, top);
    }

    private static List<RepositoryFacetCount> Ordered(IEnumerable<Counted> rows, int top) =>
        [.. rows.OrderByDescending(c => c.Count).ThenBy(c => c.Value, StringComparer.Ordinal).Take(top).Select(c => new RepositoryFacetCount(c.Value, c.Count))];

    private sealed class Counted
    {
        public required string Value { get; init; }

        public long Count { get; init; }
    }
}
