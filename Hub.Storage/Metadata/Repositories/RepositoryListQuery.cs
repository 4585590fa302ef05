using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// Lists and searches with keyset pagination: every sort is (key descending, id descending), and the next page starts
/// strictly after the (key, id) of the last item, so pages stay stable and cheap however deep a client goes.
/// </summary>
internal static class RepositoryListQuery
{
    public const int MaxLimit = 1000;

    public static async Task<RepositoryPage> RunAsync(HubDbContext db, RepositoryQuery query, CancellationToken cancellationToken)
    {
        var limit = Math.Clamp(query.Limit, 1, MaxLimit);
        var rows = db.Repositories.AsNoTracking().Where(r => r.Type == query.Type);
        rows = Visible(rows, query.Viewer);
        rows = Filter(db, rows, query);
        if (query.Cursor is not null)
            rows = After(rows, RepositoryCursor.Decode(query.Cursor, query.Sort));

        // One row more than asked tells whether another page exists without counting.
        var page = await Ordered(rows, query.Sort).Take(limit + 1).ToListAsync(cancellationToken);
        var next = page.Count > limit ? RepositoryCursor.After(query.Sort, page[limit - 1]).Encode() : null;
        if (page.Count > limit)
            page.RemoveAt(limit);

        var ids = page.ConvertAll(r => r.Id);
        var tags = ids.Count == 0
            ? []
            : await db.RepositoryTags.AsNoTracking().Where(t => ids.Contains(t.RepositoryId))
                .Select(t => new { t.RepositoryId, t.Tag })
                .ToListAsync(cancellationToken);
        var tagsById = tags.ToLookup(t => t.RepositoryId, t => t.Tag, StringComparer.Ordinal);
        return new RepositoryPage(page.ConvertAll(r => RepositoryMapping.ToRecord(r, tagsById[r.Id])), next);
    }

    private static IQueryable<RepositoryEntity> Visible(IQueryable<RepositoryEntity> rows, RepositoryViewer viewer)
    {
        if (viewer.IsAdmin)
            return rows;
        var own = viewer.NamespaceIds.Distinct().ToArray();
        return own.Length == 0
            ? rows.Where(r => !r.Private)
            : rows.Where(r => !r.Private || own.Contains(r.NamespaceId));
    }

    private static IQueryable<RepositoryEntity> Filter(HubDbContext db, IQueryable<RepositoryEntity> rows, RepositoryQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            // NormalizedFullName is lower-case, so a lower-case pattern matches ignoring case on both providers
            // (PostgreSQL's LIKE is case-sensitive, SQLite's is not); the user's % and _ are literals.
            var pattern = "%" + EscapeLike(MetadataNames.Normalize(query.Search.Trim())) + "%";
            rows = rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\"));
        }
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            var author = MetadataNames.Normalize(query.Author.Trim());
            rows = rows.Where(r => db.Namespaces.Any(n => n.Id == r.NamespaceId && n.NormalizedName == author));
        }
        foreach (var tag in query.Tags?.Distinct(StringComparer.Ordinal) ?? [])
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == tag));
        if (query.PipelineTag is { } pipelineTag)
            rows = rows.Where(r => r.PipelineTag == pipelineTag);
        if (query.Gated is { } gated)
            rows = gated ? rows.Where(r => r.Gated != "none") : rows.Where(r => r.Gated == "none");
        return rows;
    }

    private static IQueryable<RepositoryEntity> After(IQueryable<RepositoryEntity> rows, RepositoryCursor c)
    {
        // Written out per sort so each translates to a plain comparison the (type, key, id) indexes serve.
        var id = c.Id;
        switch (c.Sort)
        {
            case RepositorySort.LastModified:
            {
                var k = c.KeyAsDateTime;
                return rows.Where(r => r.LastModified < k || (r.LastModified == k && r.Id.CompareTo(id) < 0));
            }
            case RepositorySort.CreatedAt:
            {
                var k = c.KeyAsDateTime;
                return rows.Where(r => r.CreatedAt < k || (r.CreatedAt == k && r.Id.CompareTo(id) < 0));
            }
            case RepositorySort.Downloads:
            {
                var k = c.Key;
                return rows.Where(r => r.Downloads < k || (r.Downloads == k && r.Id.CompareTo(id) < 0));
            }
            case RepositorySort.Likes:
            {
                if (c.Key is > int.MaxValue or < int.MinValue)
                    throw new ArgumentException("The cursor is not one this hub handed out.", nameof(c));
                var k = (int)c.Key;
                return rows.Where(r => r.Likes < k || (r.Likes == k && r.Id.CompareTo(id) < 0));
            }
            case RepositorySort.TrendingScore:
            {
                var k = c.KeyAsDouble;
                return rows.Where(r => r.TrendingScore < k || (r.TrendingScore == k && r.Id.CompareTo(id) < 0));
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(c), c.Sort, "Unknown sort.");
        }
    }

    private static IQueryable<RepositoryEntity> Ordered(IQueryable<RepositoryEntity> rows, RepositorySort sort) => sort switch
    {
        RepositorySort.LastModified => rows.OrderByDescending(r => r.LastModified).ThenByDescending(r => r.Id),
        RepositorySort.CreatedAt => rows.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id),
        RepositorySort.Downloads => rows.OrderByDescending(r => r.Downloads).ThenByDescending(r => r.Id),
        RepositorySort.Likes => rows.OrderByDescending(r => r.Likes).ThenByDescending(r => r.Id),
        RepositorySort.TrendingScore => rows.OrderByDescending(r => r.TrendingScore).ThenByDescending(r => r.Id),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, "Unknown sort."),
    };

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
