using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// The tag conditions of a list (<see cref="RepositoryQuery.Tags"/>, license, language), per provider with the same
/// meaning: PostgreSQL tests the row's own tag array (<c>tag_names @&gt; …</c>, <c>&amp;&amp;</c>: no look-up per row,
/// and a GIN index when few rows pass); SQLite semi-joins repository_tags through its (tag, repository_id) index.
/// </summary>
internal static class RepositoryTagFilter
{
    public static IQueryable<RepositoryEntity> Postgres(IQueryable<RepositoryEntity> rows, RepositoryQuery query)
    {
        var required = Required(query);
        if (required.Length > 0)
            rows = rows.Where(r => required.All(t => r.TagNames.Contains(t)));
        if (Languages(query) is { } languages)
            rows = rows.Where(r => r.TagNames.Any(t => languages.Contains(t)));
        return rows;
    }

    public static IQueryable<RepositoryEntity> Sqlite(HubDbContext db, IQueryable<RepositoryEntity> rows, RepositoryQuery query)
    {
        foreach (var tag in Required(query))
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && t.Tag == tag));
        if (Languages(query) is { } languages)
        {
            string language = languages[0], datasetLanguage = languages[1];
            rows = rows.Where(r => db.RepositoryTags.Any(t => t.RepositoryId == r.Id && (t.Tag == language || t.Tag == datasetLanguage)));
        }
        return rows;
    }

    /// <summary>Tags every listed repository has: the asked tags and <c>license:{License}</c>.</summary>
    private static string[] Required(RepositoryQuery query)
    {
        IEnumerable<string> tags = query.Tags ?? [];
        if (!string.IsNullOrWhiteSpace(query.License))
            tags = tags.Append("license:" + query.License.Trim());
        return tags.Distinct(StringComparer.Ordinal).ToArray();
    }

    /// <summary>Models tag languages by their code, datasets as <c>language:code</c> (huggingface.co's forms): either will do.</summary>
    private static string[]? Languages(RepositoryQuery query) =>
        string.IsNullOrWhiteSpace(query.Language) ? null : [query.Language.Trim(), "language:" + query.Language.Trim()];
}
