using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Web.Api;

/// <summary>Likes, download statistics and list facets.</summary>
public sealed partial class HubApiClient
{
    /// <summary>Whether the caller likes the repository; null when it cannot be seen.</summary>
    public async Task<LikeStatus?> GetLikeAsync(string type, string id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/like", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) return null;
        return await ReadAsync<LikeStatus>(response, ct);
    }

    /// <summary>Likes (<paramref name="like"/>) or unlikes the repository as the caller.</summary>
    public async Task SetLikeAsync(string type, string id, bool like, CancellationToken ct)
    {
        var path = $"api/{RepoKinds.ApiSegment(type)}/{id}/like";
        using var response = like ? await http.PostAsync(path, null, ct) : await http.DeleteAsync(path, ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Downloads per day for the last <paramref name="days"/> days, oldest first, days without downloads as 0.</summary>
    public async Task<IReadOnlyList<DailyDownloads>> GetDailyDownloadsAsync(string type, string id, int days, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/downloads?days={days.ToString(CultureInfo.InvariantCulture)}", ct);
        return await ReadAsync<List<DailyDownloads>>(response, ct);
    }

    /// <summary>
    /// <paramref name="count"/> bytes at <paramref name="offset"/> of a file (LFS content included); or, when the hub
    /// redirects to storage, where to ask instead (see <see cref="FileRangeReader"/>).
    /// </summary>
    public async Task<(byte[]? Bytes, Uri? Location)> GetRangeAsync(string type, string id, string revision, string path, long offset, int count, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{RepoKinds.WebPrefix(type)}{id}/resolve/{RepoKinds.EscapeRevision(revision)}/{RepoKinds.EscapePath(path)}");
        request.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(offset, offset + count - 1);
        // A preview is not a download (the hub's download counter skips reads marked so).
        request.Headers.Add("X-Hub-Preview", "1");
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode is HttpStatusCode.Found or HttpStatusCode.TemporaryRedirect or HttpStatusCode.SeeOther or HttpStatusCode.MovedPermanently
            && response.Headers.Location is { } location)
            return (null, location.IsAbsoluteUri ? location : new Uri(http.BaseAddress!, location));
        await EnsureSuccessAsync(response, ct);
        return (await FileRangeReader.BodyAsync(response, offset, count, ct), null);
    }

    /// <summary>The facet counts of the list <paramref name="query"/> describes (its sort, limit and cursor aside).</summary>
    public async Task<RepoFacets> GetFacetsAsync(RepoListQuery query, int top, CancellationToken ct)
    {
        var parameters = FilterParameters(query);
        parameters.Add(new("top", top.ToString(CultureInfo.InvariantCulture)));
        using var response = await http.GetAsync(QueryHelpers.AddQueryString($"api/{RepoKinds.ApiSegment(query.Type)}/facets", parameters), ct);
        return await ReadAsync<RepoFacets>(response, ct);
    }

    private static List<KeyValuePair<string, string?>> FilterParameters(RepoListQuery query)
    {
        var parameters = new List<KeyValuePair<string, string?>>();
        if (!string.IsNullOrWhiteSpace(query.Search)) parameters.Add(new("search", query.Search.Trim()));
        if (!string.IsNullOrWhiteSpace(query.Author)) parameters.Add(new("author", query.Author));
        if (!string.IsNullOrWhiteSpace(query.PipelineTag)) parameters.Add(new("pipeline_tag", query.PipelineTag));
        if (!string.IsNullOrWhiteSpace(query.Library)) parameters.Add(new("library", query.Library));
        if (!string.IsNullOrWhiteSpace(query.License)) parameters.Add(new("license", query.License));
        if (!string.IsNullOrWhiteSpace(query.Language)) parameters.Add(new("language", query.Language));
        foreach (var filter in query.Filters ?? []) parameters.Add(new("filter", filter));
        return parameters;
    }
}
