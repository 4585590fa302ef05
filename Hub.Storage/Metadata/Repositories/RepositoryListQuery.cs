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
        var ids = viewer.RepositoryIds?.Distinct(StringComparer.Ordinal).ToArray() ?? [];
        if (ids.Length > 0)
            return rows.Where(r => !r.Private || own.Contains(r.NamespaceId) || ids.Contains(r.Id));
        return own.Length == 0
            ? rows.Where(r => !r.Private)
            : rows.Where(r => !r.Private || own.Contains(r.NamespaceId));
    }

    private static IQueryable<RepositoryEntity> Filter(HubDbContext db, IQueryable<RepositoryEntity> rows, RepositoryQuery query)
    {
        if (!string.IsNullOrWhiteSpace(query.Search))
            rows = Search(db, rows, query.Search);
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            var author = MetadataNames.Normalize(query.Author.Trim());
            rows = rows.Where(r => db.Namespaces.Any(n => n.Id == r.NamespaceId && n.NormalizedName == author));
        }
        foreach (var tag in query.Tags?.Distinct(StringComparer.Ordinal) ?? [])
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == tag));
        if (!string.IsNullOrWhiteSpace(query.License))
        {
            var licenseTag = "license:" + query.License.Trim();
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == licenseTag));
        }
        if (!string.IsNullOrWhiteSpace(query.Language))
        {
            // Models tag languages by their code, datasets as language:code (huggingface.co's forms).
            var language = query.Language.Trim();
            var datasetLanguage = "language:" + language;
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && (t.Tag == language || t.Tag == datasetLanguage)));
        }
        if (!string.IsNullOrWhiteSpace(query.Library))
        {
            var library = query.Library.Trim();
            rows = rows.Where(r => r.LibraryName == library);
        }
        if (query.PipelineTag is { } pipelineTag)
            rows = rows.Where(r => r.PipelineTag == pipelineTag);
        if (query.Gated is { } gated)
            rows = gated ? rows.Where(r => r.Gated != "none") : rows.Where(r => r.Gated == "none");
        return rows;
    }

    /// <summary>
    /// Id substring OR every query word a word prefix of the search text (<see cref="SearchText"/>). PostgreSQL serves the
    /// first from the pg_trgm index on the name and the second from the GIN tsvector index; SQLite scans, which a small
    /// install can afford. Both give the same rows, and the order is the list's sort, so the same order too.
    /// </summary>
    private static IQueryable<RepositoryEntity> Search(HubDbContext db, IQueryable<RepositoryEntity> rows, string search)
    {
        // NormalizedFullName is lower-case, so a lower-case pattern matches ignoring case on both providers
        // (PostgreSQL's LIKE is case-sensitive, SQLite's is not); the user's % and _ are literals.
        var pattern = "%" + EscapeLike(MetadataNames.Normalize(search.Trim())) + "%";
        var words = SearchText.QueryWords(search);
        if (words.Count == 0)
            return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\"));
        if (db.Database.IsNpgsql())
        {
            // Words are [a-z0-9]+ only, so the tsquery text needs no quoting; the literal 'simple' config keeps the
            // expression identical to the one the index was built on.
            var tsQuery = string.Join(" & ", words.Select(w => w + ":*"));
            return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\")
                                   || EF.Functions.ToTsVector("simple", r.SearchText!).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }
        // A fixed number of LIKEs keeps one translatable, parameterised expression; unused slots match any text.
        var p = new string[SearchText.MaxQueryWords];
        for (var i = 0; i < p.Length; i++)
            p[i] = i < words.Count ? "% " + words[i] + "%" : "%";
        string p0 = p[0], p1 = p[1], p2 = p[2], p3 = p[3], p4 = p[4], p5 = p[5], p6 = p[6], p7 = p[7];
        return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\")
                               || (EF.Functions.Like(r.SearchText, p0) && EF.Functions.Like(r.SearchText, p1)
                                   && EF.Functions.Like(r.SearchText, p2) && EF.Functions.Like(r.SearchText, p3)
                                   && EF.Functions.Like(r.SearchText, p4) && EF.Functions.Like(r.SearchText, p5)
                                   && EF.Functions.Like(r.SearchText, p6) && EF.Functions.Like(r.SearchText, p7)));
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
