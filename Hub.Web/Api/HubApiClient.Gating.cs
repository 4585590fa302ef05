using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hub.Web.Api;

/// <summary>Gated repositories: the card everyone who can see the repository may read, and asking for access.</summary>
public sealed partial class HubApiClient
{
    /// <summary>The card rendered (sanitized) by the hub, which shows it for gated repositories too; null when there is none.</summary>
    public async Task<string?> GetCardHtmlAsync(string type, string id, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/card", ct);
        if (!response.IsSuccessStatusCode) return null;
        var json = await response.Content.ReadFromJsonAsync<JsonObject>(Json, ct);
        return json?["html"]?.GetValue<string>() is { Length: > 0 } html ? html : null;
    }

    /// <summary>Asks for access to a gated repository; answers the request's status (<c>accepted</c> or <c>pending</c>).</summary>
    public async Task<string> AskAccessAsync(string type, string id, CancellationToken ct)
    {
        using var response = await http.PostAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/ask-access", null, ct);
        var json = await ReadAsync<JsonObject>(response, ct);
        return json["status"]?.GetValue<string>() ?? "pending";
    }
}
