using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Web.Api;

/// <summary>
/// The typed client the UI uses to talk to the hub's HTTP API (never its services): reads for the pages, the few writes
/// the forms make. The caller's session cookie or Authorization header travels with every request (see
/// <see cref="ForwardCallerHandler"/>), so the API applies its one authorization policy to the UI as to any client.
/// </summary>
public sealed partial class HubApiClient(HttpClient http)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The signed-in user, or null for anonymous callers.</summary>
    public async Task<WhoAmI?> WhoAmIAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("api/whoami-v2", ct);
        if (response.StatusCode == HttpStatusCode.Unauthorized) return null;
        return await ReadAsync<WhoAmI>(response, ct);
    }

    public async Task<RepoListPage> ListReposAsync(RepoListQuery query, CancellationToken ct)
    {
        var parameters = FilterParameters(query);
        parameters.Add(new("sort", query.Sort));
        parameters.Add(new("limit", query.Limit.ToString(CultureInfo.InvariantCulture)));
        if (!string.IsNullOrEmpty(query.Cursor)) parameters.Add(new("cursor", query.Cursor));
        parameters.AddRange(RepoSummary.Fields.Select(f => KeyValuePair.Create("expand", (string?)f)));
        using var response = await http.GetAsync(QueryHelpers.AddQueryString("api/" + RepoKinds.ApiSegment(query.Type), parameters), ct);
        var items = await ReadAsync<List<RepoSummary>>(response, ct);
        return new RepoListPage(items, NextParameter(response, "cursor"));
    }

    /// <summary>Repository info with file sizes; null when the caller may not see it or it does not exist.</summary>
    public async Task<RepoInfo?> GetRepoAsync(string type, string id, string? revision, CancellationToken ct)
    {
        var path = $"api/{RepoKinds.ApiSegment(type)}/{id}" + (revision is null ? "" : "/revision/" + RepoKinds.EscapeRevision(revision));
        using var response = await http.GetAsync(path + "?blobs=true", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) return null;
        if (MovedTo(response, type) is { } newId) throw new RepoMovedException(newId);
        return await ReadAsync<RepoInfo>(response, ct);
    }

    /// <summary>The new id of a renamed repository from the API's redirect (<c>/api/{type}s/{ns}/{name}…</c>), or null.</summary>
    private static string? MovedTo(HttpResponseMessage response, string type)
    {
        if ((int)response.StatusCode is not (301 or 302 or 307 or 308) || response.Headers.Location is not { } location) return null;
        var path = location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?', '#')[0];
        var prefix = $"/api/{RepoKinds.ApiSegment(type)}/";
        if (!path.StartsWith(prefix, StringComparison.Ordinal)) return null;
        var segments = path[prefix.Length..].Split('/');
        return segments.Length >= 2 && segments[0].Length > 0 && segments[1].Length > 0
            ? Uri.UnescapeDataString(segments[0]) + "/" + Uri.UnescapeDataString(segments[1])
            : null;
    }

    public async Task<TreePage> GetTreeAsync(string type, string id, string revision, string path, bool recursive, bool expand, string? cursor, CancellationToken ct)
    {
        var url = $"api/{RepoKinds.ApiSegment(type)}/{id}/tree/{RepoKinds.EscapeRevision(revision)}";
        if (path.Length > 0) url += "/" + RepoKinds.EscapePath(path);
        var parameters = new List<KeyValuePair<string, string?>>();
        if (recursive) parameters.Add(new("recursive", "true"));
        if (expand) parameters.Add(new("expand", "true"));
        if (cursor is not null) parameters.Add(new("cursor", cursor));
        using var response = await http.GetAsync(QueryHelpers.AddQueryString(url, parameters), ct);
        var entries = await ReadAsync<List<TreeEntry>>(response, ct);
        return new TreePage(entries, NextParameter(response, "cursor"));
    }

    /// <summary>Entries for the given paths (missing ones are left out), with their last commit when expanded.</summary>
    public async Task<IReadOnlyList<TreeEntry>> GetPathsInfoAsync(string type, string id, string revision, IReadOnlyList<string> paths, bool expand, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/paths-info/{RepoKinds.EscapeRevision(revision)}", new { paths, expand }, Json, ct);
        return await ReadAsync<List<TreeEntry>>(response, ct);
    }

    public async Task<RepoRefs> GetRefsAsync(string type, string id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/refs", ct);
        return await ReadAsync<RepoRefs>(response, ct);
    }

    public async Task<CommitHistory> GetCommitsAsync(string type, string id, string revision, int page, int limit, CancellationToken ct)
    {
        var url = $"api/{RepoKinds.ApiSegment(type)}/{id}/commits/{RepoKinds.EscapeRevision(revision)}?p={page}&limit={limit}";
        using var response = await http.GetAsync(url, ct);
        var commits = await ReadAsync<List<CommitInfo>>(response, ct);
        var total = response.Headers.TryGetValues("X-Total-Count", out var values) && int.TryParse(values.FirstOrDefault(), CultureInfo.InvariantCulture, out var t) ? t : commits.Count;
        return new CommitHistory(commits, total);
    }

    /// <summary>The first <paramref name="maxBytes"/> bytes of a file as stored in git (an LFS file gives its pointer); null when absent.</summary>
    public async Task<FileContent?> GetRawAsync(string type, string id, string revision, string path, int maxBytes, CancellationToken ct) =>
        (await TryGetRawAsync(type, id, revision, path, maxBytes, ct)).Content;

    /// <summary>
    /// As <see cref="GetRawAsync"/>, and whether the hub refused the read (401 or 403: a gated repository the caller has
    /// no access to yet), which pages tell apart from a missing file.
    /// </summary>
    public async Task<(FileContent? Content, bool Refused)> TryGetRawAsync(string type, string id, string revision, string path, int maxBytes, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RepoKinds.WebPrefix(type)}{id}/raw/{RepoKinds.EscapeRevision(revision)}/{RepoKinds.EscapePath(path)}");
        request.Headers.Range = new RangeHeaderValue(0, maxBytes - 1);
        // The card, the file viewer and diffs show files; they do not download them (the hub's counter skips previews).
        request.Headers.Add("X-Hub-Preview", "1");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        // Pages read files of repositories the caller can see: 401 (anonymous) or 403 there is the gate, not a missing file.
        if (response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Unauthorized) return (null, true);
        if (response.StatusCode == HttpStatusCode.NotFound) return (null, false);
        if (response.StatusCode == HttpStatusCode.RequestedRangeNotSatisfiable) return (new FileContent([], 0), false);
        await EnsureSuccessAsync(response, ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(ct);
        var total = response.Content.Headers.ContentRange?.Length ?? bytes.Length;
        return (new FileContent(bytes.Length > maxBytes ? bytes[..maxBytes] : bytes, total), false);
    }

    private static string? NextParameter(HttpResponseMessage response, string name)
    {
        if (!response.Headers.TryGetValues("Link", out var links)) return null;
        foreach (var link in links)
        {
            var match = NextLink().Match(link);
            if (!match.Success) continue;
            var query = QueryHelpers.ParseQuery(new Uri(match.Groups[1].Value).Query);
            return query.TryGetValue(name, out var value) ? value.ToString() : null;
        }
        return null;
    }

    [System.Text.RegularExpressions.GeneratedRegex("<([^>]+)>;\\s*rel=\"next\"")]
    private static partial System.Text.RegularExpressions.Regex NextLink();

    private static async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken ct)
    {
        await EnsureSuccessAsync(response, ct);
        return await response.Content.ReadFromJsonAsync<T>(Json, ct) ?? throw new HubApiException(502, "The API answered with an empty body.");
    }

    private static async Task EnsureSuccessAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.IsSuccessStatusCode) return;
        throw new HubApiException((int)response.StatusCode, await ErrorMessageAsync(response, ct));
    }

    private static async Task<string> ErrorMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Headers.TryGetValues("X-Error-Message", out var header) && header.FirstOrDefault() is { Length: > 0 } message)
            return message;
        var body = await response.Content.ReadAsStringAsync(ct);
        try
        {
            using var json = JsonDocument.Parse(body);
            if (json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.String)
                return error.GetString()!;
        }
        catch (JsonException)
        {
            // Not JSON: the status says enough.
        }
        return $"The hub answered {(int)response.StatusCode} {response.ReasonPhrase}.";
    }
}
