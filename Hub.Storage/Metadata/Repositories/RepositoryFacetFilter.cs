using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// The rows a <see cref="RepositoryQuery"/> lists, as <see cref="RepositoryListQuery"/> selects them (visibility, search,
/// author, tags, task, library, license, language, gating), with one facet's own filter left out. It mirrors the list's
/// filter rather than calling it so that the list's query can change on its own; the facet tests check both agree.
/// </summary>
internal static class RepositoryFacetFilter
{
    public static IQueryable<RepositoryEntity> Rows(HubDbContext db, RepositoryQuery query, RepositoryFacetKind except)
    {
        var rows = Visible(db.Repositories.AsNoTracking().Where(r => r.Type == query.Type), query.Viewer);
        if (!string.IsNullOrWhiteSpace(query.Search))
            rows = Search(db, rows, query.Search);
        if (except != RepositoryFacetKind.Author && !string.IsNullOrWhiteSpace(query.Author))
        {
            var author = MetadataNames.Normalize(query.Author.Trim());
            rows = rows.Where(r => db.Namespaces.Any(n => n.Id == r.NamespaceId && n.NormalizedName == author));
        }
        foreach (var tag in query.Tags?.Distinct(StringComparer.Ordinal) ?? [])
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == tag));
        if (except != RepositoryFacetKind.License && !string.IsNullOrWhiteSpace(query.License))
        {
            var licenseTag = "license:" + query.License.Trim();
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == licenseTag));
        }
        if (except != RepositoryFacetKind.Language && !string.IsNullOrWhiteSpace(query.Language))
        {
            var language = query.Language.Trim();
            var datasetLanguage = RepositoryFacetLanguages.DatasetPrefix + language;
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && (t.Tag == language || t.Tag == datasetLanguage)));
        }
        if (except != RepositoryFacetKind.Library && !string.IsNullOrWhiteSpace(query.Library))
        {
            var library = query.Library.Trim();
            rows = rows.Where(r => r.LibraryName == library);
        }
        if (except != RepositoryFacetKind.Task && query.PipelineTag is { } pipelineTag)
            rows = rows.Where(r => r.PipelineTag == pipelineTag);
        if (query.Gated is { } gated)
            rows = gated ? rows.Where(r => r.Gated != "none") : rows.Where(r => r.Gated == "none");
        return rows;
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

    /// <summary>The list's search: the id contains the text, or every query word is a word prefix of the search text.</summary>
    private static IQueryable<RepositoryEntity> Search(HubDbContext db, IQueryable<RepositoryEntity> rows, string search)
    {
        var pattern = "%" + EscapeLike(MetadataNames.Normalize(search.Trim())) + "%";
        var words = SearchText.QueryWords(search);
        if (words.Count == 0)
            return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\"));
        if (db.Database.IsNpgsql())
        {
            var tsQuery = string.Join(" & ", words.Select(w => w + ":*"));
            return rows.Where(r => EF.Functions.Like(r.NormalizedFullName, pattern, "\\")
                                   || EF.Functions.ToTsVector("simple", r.SearchText!).Matches(EF.Functions.ToTsQuery("simple", tsQuery)));
        }
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

    private static string EscapeLike(string value) =>
        value.Replace("\\", "\\\\", StringComparison.Ordinal)
            .Replace("%", "\\%", StringComparison.Ordinal)
            .Replace("_", "\\_", StringComparison.Ordinal);
}
