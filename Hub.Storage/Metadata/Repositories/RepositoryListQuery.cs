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
        // One round trip: the rows carry their tags (TagNames), so a page is one query whatever it holds.
        var page = await PageQuery(db, query, limit).ToListAsync(cancellationToken);
        var next = page.Count > limit ? RepositoryCursor.After(query.Sort, page[limit - 1]).Encode() : null;
        if (page.Count > limit)
            page.RemoveAt(limit);
        return new RepositoryPage(page.ConvertAll(RepositoryMapping.ToRecord), next);
    }

    public static async Task<string> ExplainAsync(HubDbContext db, RepositoryQuery query, CancellationToken cancellationToken)
    {
        await using var command = PageQuery(db, query, Math.Clamp(query.Limit, 1, MaxLimit)).CreateDbCommand();
        command.CommandText = "EXPLAIN (ANALYZE, BUFFERS) " + command.CommandText;
        await db.Database.OpenConnectionAsync(cancellationToken);
        var lines = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
                lines.Add(reader.GetString(0));
        }
        return string.Join('\n', lines);
    }

    private static IQueryable<RepositoryEntity> PageQuery(HubDbContext db, RepositoryQuery query, int limit)
    {
        var rows = Rows(db, query);
        if (query.Cursor is not null)
            rows = After(rows, RepositoryCursor.Decode(query.Cursor, query.Sort));
        // One row more than asked tells whether another page exists without counting. Only the columns a record holds:
        // the search text (the card's words) is read by the filter, never sent back.
        return Ordered(rows, query.Sort).Take(limit + 1).Select(r => new RepositoryEntity
        {
            Id = r.Id, Type = r.Type, NamespaceId = r.NamespaceId, Name = r.Name, NormalizedFullName = "", FullName = r.FullName,
            Private = r.Private, Gated = r.Gated, Disabled = r.Disabled, DefaultBranch = r.DefaultBranch, HeadCommit = r.HeadCommit,
            CreatedAt = r.CreatedAt, LastModified = r.LastModified, CardData = r.CardData, PipelineTag = r.PipelineTag,
            LibraryName = r.LibraryName, Sdk = r.Sdk, IndexedData = r.IndexedData, Likes = r.Likes, Downloads = r.Downloads,
            DownloadsAllTime = r.DownloadsAllTime, TrendingScore = r.TrendingScore, TagNames = r.TagNames,
        });
    }

    /// <summary>Every row the query lists (visibility, search, tags and the other filters), unordered and from the start.</summary>
    public static IQueryable<RepositoryEntity> Rows(HubDbContext db, RepositoryQuery query)
    {
        var postgres = db.Database.IsNpgsql();
        var search = string.IsNullOrWhiteSpace(query.Search) ? null : query.Search;
        var rows = search is not null && postgres ? PostgresSearch(db, search) : db.Repositories;
        rows = rows.AsNoTracking().Where(r => r.Type == query.Type);
        rows = Visible(rows, query.Viewer);
        if (search is not null && !postgres)
            rows = SqliteSearch(rows, search);
        rows = postgres ? RepositoryTagFilter.Postgres(rows, query) : RepositoryTagFilter.Sqlite(db, rows, query);
        return Filter(db, rows, query);
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
        if (!string.IsNullOrWhiteSpace(query.Author))
        {
            var author = MetadataNames.Normalize(query.Author.Trim());
            rows = rows.Where(r => db.Namespaces.Any(n => n.Id == r.NamespaceId && n.NormalizedName == author));
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
    /// Id substring OR every query word a word prefix of the search text (<see cref="SearchText"/>), on PostgreSQL from
    /// its indexes: the pg_trgm index on the name and the GIN index on the stored tsvector column <c>search_vector</c>
    /// (generated from <c>search_text</c>, so nothing is parsed per row at query time). The list's other conditions and
    /// its order compose on top, so the result equals <see cref="SqliteSearch"/>'s.
    /// </summary>
    private static IQueryable<RepositoryEntity> PostgresSearch(HubDbContext db, string search)
    {
        // NormalizedFullName is lower-case, so a lower-case pattern matches ignoring case; the user's % and _ are literals.
        var pattern = "%" + EscapeLike(MetadataNames.Normalize(search.Trim())) + "%";
        var words = SearchText.QueryWords(search);
        if (words.Count == 0)
            return db.Repositories.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\"));
        // Words are [a-z0-9]+ only, so the tsquery text needs no quoting; 'simple' is the column's configuration.
        // "(w | w:*)" matches exactly what "w:*" matches, but PostgreSQL estimates a prefix alone far too rare (by ×10
        // and more for common words) and then reads every match to sort them, where walking the sort's index and
        // stopping after a page is cheaper; with the exact word it uses the word's real frequency from the statistics.
        var tsQuery = string.Join(" & ", words.Select(w => $"({w} | {w}:*)"));
        return db.Repositories.FromSql(
            $"SELECT * FROM repositories WHERE normalized_full_name LIKE {pattern} ESCAPE '\\' OR search_vector @@ to_tsquery('simple', {tsQuery})");
    }

    /// <summary>
    /// The same test as <see cref="PostgresSearch"/> by scanning: name LIKE, or every query word found as
    /// <c>'% word'</c> in the space-delimited search text. A small install can afford it.
    /// </summary>
    private static IQueryable<RepositoryEntity> SqliteSearch(IQueryable<RepositoryEntity> rows, string search)
    {
        // SQLite's LIKE ignores ASCII case; NormalizedFullName is lower-case anyway.
        var pattern = "%" + EscapeLike(MetadataNames.Normalize(search.Trim())) + "%";
        var words = SearchText.QueryWords(search);
        if (words.Count == 0)
            return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\"));
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
