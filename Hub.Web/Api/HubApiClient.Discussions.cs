using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.WebUtilities;

namespace Hub.Web.Api;

/// <summary>Discussions and pull requests (the Community tab): reads and the forms' writes, on the caller's behalf.</summary>
public sealed partial class HubApiClient
{
    /// <summary>A page (0-based) of discussions; status is open, closed or null for all. Null when the repository cannot be seen.</summary>
    public async Task<DiscussionList?> ListDiscussionsAsync(string type, string id, string? status, int page, CancellationToken ct)
    {
        var parameters = new List<KeyValuePair<string, string?>> { new("p", page.ToString(CultureInfo.InvariantCulture)) };
        if (status is not null) parameters.Add(new("status", status));
        using var response = await http.GetAsync(QueryHelpers.AddQueryString(DiscussionsPath(type, id), parameters), ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) return null;
        return await ReadAsync<DiscussionList>(response, ct);
    }

    /// <summary>A discussion with its events (and a pull request's diff); null when it or its repository cannot be seen.</summary>
    public async Task<DiscussionDetails?> GetDiscussionAsync(string type, string id, int number, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{DiscussionsPath(type, id)}/{number.ToString(CultureInfo.InvariantCulture)}?diff=1", ct);
        if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Unauthorized) return null;
        return await ReadAsync<DiscussionDetails>(response, ct);
    }

    /// <summary>Opens a discussion; answers its number.</summary>
    public async Task<int> CreateDiscussionAsync(string type, string id, string title, string? description, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(DiscussionsPath(type, id), new { title, description, pullRequest = false }, Json, ct);
        var json = await ReadAsync<JsonObject>(response, ct);
        return json["num"]?.GetValue<int>() ?? throw new HubApiException(502, "The API did not number the new discussion.");
    }

    public Task CommentAsync(string type, string id, int number, string comment, CancellationToken ct) =>
        PostDiscussionAsync(type, id, number, "comment", new { comment }, ct);

    /// <summary>Closes or reopens (status open or closed), with an optional comment.</summary>
    public Task ChangeDiscussionStatusAsync(string type, string id, int number, string status, string? comment, CancellationToken ct) =>
        PostDiscussionAsync(type, id, number, "status", new { status, comment = string.IsNullOrWhiteSpace(comment) ? null : comment }, ct);

    public Task MergePullRequestAsync(string type, string id, int number, string? comment, CancellationToken ct) =>
        PostDiscussionAsync(type, id, number, "merge", new { comment = string.IsNullOrWhiteSpace(comment) ? null : comment }, ct);

    private async Task PostDiscussionAsync(string type, string id, int number, string action, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"{DiscussionsPath(type, id)}/{number.ToString(CultureInfo.InvariantCulture)}/{action}", body, Json, ct);
        await EnsureSuccessAsync(response, ct);
    }

    private static string DiscussionsPath(string type, string id) => $"api/{RepoKinds.ApiSegment(type)}/{id}/discussions";
}
