using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Counts each facet with one grouped query over the filtered rows (<see cref="RepositoryFacetFilter"/>): columns for
/// task and library, the tag table for license and language, the namespace for author.
/// </summary>
internal sealed class RepositoryFacetStore(IHubDbContextFactory factory) : IRepositoryFacetStore
{
    public const int MaxTop = 100;
    private const string LicensePrefix = "license:";

    public async Task<RepositoryFacets> CountAsync(RepositoryQuery query, int top, CancellationToken cancellationToken)
    {
        top = Math.Clamp(top, 1, MaxTop);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        var tasks = await TopAsync(
            RepositoryFacetFilter.Rows(db, query, RepositoryFacetKind.Task).Where(r => r.PipelineTag != null).GroupBy(r => r.PipelineTag!)
                .Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);
        var libraries = await TopAsync(
            RepositoryFacetFilter.Rows(db, query, RepositoryFacetKind.Library).Where(r => r.LibraryName != null).GroupBy(r => r.LibraryName!)
                .Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);

        var licenseRows = RepositoryFacetFilter.Rows(db, query, RepositoryFacetKind.License).Select(r => r.Id);
        var licenses = await TopAsync(
            db.RepositoryTags.AsNoTracking().Where(t => t.Tag.StartsWith(LicensePrefix) && licenseRows.Contains(t.RepositoryId))
                .GroupBy(t => t.Tag).Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);

        var languageRows = RepositoryFacetFilter.Rows(db, query, RepositoryFacetKind.Language).Select(r => r.Id);
        var languageTags = db.RepositoryTags.AsNoTracking().Where(t => languageRows.Contains(t.RepositoryId));
        languageTags = query.Type == "dataset"
            ? languageTags.Where(t => t.Tag.StartsWith(RepositoryFacetLanguages.DatasetPrefix))
            : languageTags.Where(t => RepositoryFacetLanguages.Codes.Contains(t.Tag));
        var languages = await TopAsync(languageTags.GroupBy(t => t.Tag).Select(g => new Counted { Value = g.Key, Count = g.LongCount() }), top, cancellationToken);

        var authorRows = RepositoryFacetFilter.Rows(db, query, RepositoryFacetKind.Author);
        var authorCounts = await authorRows.GroupBy(r => r.NamespaceId).Select(g => new { g.Key, Count = g.LongCount() })
            .OrderByDescending(g => g.Count).ThenBy(g => g.Key).Take(top * 2).ToListAsync(cancellationToken);
        var namespaceIds = authorCounts.ConvertAll(a => a.Key);
        var names = await db.Namespaces.AsNoTracking().Where(n => namespaceIds.Contains(n.Id)).Select(n => new { n.Id, n.Name })
            .ToDictionaryAsync(n => n.Id, n => n.Name, cancellationToken);
        var authors = Ordered(authorCounts.Where(a => names.ContainsKey(a.Key)).Select(a => new Counted { Value = names[a.Key], Count = a.Count }), top);

        return new RepositoryFacets(
            tasks,
            libraries,
            [.. licenses.Select(c => new RepositoryFacetCount(c.Value[LicensePrefix.Length..], c.Count))],
            query.Type == "dataset" ? [.. languages.Select(c => new RepositoryFacetCount(c.Value[RepositoryFacetLanguages.DatasetPrefix.Length..], c.Count))] : languages,
            authors);
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
