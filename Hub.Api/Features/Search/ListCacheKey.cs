using System.Globalization;
using System.Text;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Search;

/// <summary>
/// The cache key of a list page: everything the response body depends on, normalised (tag filters as a set), and the
/// caller's visibility — who sees which private repositories — so pages are shared only between callers who see the same.
/// </summary>
public static class ListCacheKey
{
    private const char Separator = '\u001f';

    /// <param name="fields">The item fields in the order they are written (they decide the JSON).</param>
    public static string Of(RepositoryQuery query, IEnumerable<string> fields)
    {
        var key = new StringBuilder(128);
        Append(key, query.Type);
        Append(key, Visibility(query.Viewer));
        Append(key, query.Search);
        Append(key, query.Author);
        Append(key, string.Join(Separator, (query.Tags ?? []).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)));
        Append(key, query.PipelineTag);
        Append(key, query.Gated?.ToString());
        Append(key, query.Sort.ToString());
        Append(key, query.Limit.ToString(CultureInfo.InvariantCulture));
        Append(key, query.Cursor);
        Append(key, query.Library);
        Append(key, query.License);
        Append(key, query.Language);
        Append(key, string.Join(',', fields));
        return key.ToString();
    }

    /// <summary>
    /// Anonymous callers (and callers who may see no private repository) share one key; site admins another; anyone
    /// else has the namespaces and repositories whose private repositories they see in the key.
    /// </summary>
    public static string Visibility(RepositoryViewer viewer)
    {
        if (viewer.IsAdmin) return "admin";
        var repos = viewer.RepositoryIds ?? [];
        if (viewer.NamespaceIds.Count == 0 && repos.Count == 0) return "public";
        return "ns:" + string.Join(',', viewer.NamespaceIds.Distinct().Order())
               + "|repos:" + string.Join(',', repos.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }

    // Each part length-prefixed, so no value can run into the next one.
    private static void Append(StringBuilder key, string? value)
    {
        if (value is null)
        {
            key.Append('-').Append(Separator);
            return;
        }
        key.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append(Separator);
    }
}
