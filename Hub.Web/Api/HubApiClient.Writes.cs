using System.Net;
using System.Text.Json;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Hub.Web.Api;

/// <summary>The writes the UI's forms make: accounts, tokens, repositories, organizations.</summary>
public sealed partial class HubApiClient
{
    public Task<AuthOutcome> SignUpAsync(string username, string? email, string password, CancellationToken ct) =>
        AuthAsync("api/auth/signup", new { username, password, email = string.IsNullOrWhiteSpace(email) ? null : email }, ct);

    public Task<AuthOutcome> LogInAsync(string username, string password, CancellationToken ct) =>
        AuthAsync("api/auth/login", new { username, password }, ct);

    public Task<AuthOutcome> LogOutAsync(CancellationToken ct) => AuthAsync("api/auth/logout", new { }, ct);

    private async Task<AuthOutcome> AuthAsync(string path, object body, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync(path, body, Json, ct);
        if (!response.IsSuccessStatusCode) return new AuthOutcome(await ErrorMessageAsync(response, ct), []);
        var cookies = response.Headers.TryGetValues("Set-Cookie", out var values) ? values.ToList() : [];
        return new AuthOutcome(null, cookies);
    }

    public async Task<IReadOnlyList<TokenInfo>> ListTokensAsync(CancellationToken ct)
    {
        using var response = await http.GetAsync("api/settings/tokens", ct);
        return await ReadAsync<List<TokenInfo>>(response, ct);
    }

    /// <summary>Creates a token; its secret is in the answer only.</summary>
    public async Task<(string Secret, TokenInfo Info)> CreateTokenAsync(string displayName, string role, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/settings/tokens", new { displayName, role }, Json, ct);
        var json = await ReadAsync<JsonObject>(response, ct);
        var info = json["info"].Deserialize<TokenInfo>(Json) ?? throw new HubApiException(502, "The API did not describe the new token.");
        return (json["token"]!.GetValue<string>(), info);
    }

    public async Task RevokeTokenAsync(long id, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"api/settings/tokens/{id}", ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Creates a repository and answers its full name.</summary>
    public async Task<string> CreateRepoAsync(string type, string? organization, string name, bool isPrivate, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/repos/create", new { type, name, organization, @private = isPrivate }, Json, ct);
        var json = await ReadAsync<JsonObject>(response, ct);
        return json["name"]!.GetValue<string>();
    }

    public async Task DeleteRepoAsync(string type, string id, CancellationToken ct)
    {
        var (ns, name) = Split(id);
        using var request = new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { type, name, organization = ns }, options: Json) };
        using var response = await http.SendAsync(request, ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task UpdateSettingsAsync(string type, string id, bool? isPrivate, string? gated, CancellationToken ct)
    {
        object? gatedValue = gated switch
        {
            null => null,
            "none" => false,
            _ => gated,
        };
        var body = new JsonObject();
        if (isPrivate is { } p) body["private"] = p;
        if (gatedValue is not null) body["gated"] = JsonValue.Create(gatedValue);
        using var response = await http.PutAsJsonAsync($"api/{RepoKinds.ApiSegment(type)}/{id}/settings", body, Json, ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task MoveRepoAsync(string type, string fromId, string toId, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/repos/move", new { fromRepo = fromId, toRepo = toId, type }, Json, ct);
        await EnsureSuccessAsync(response, ct);
    }

    /// <summary>Members of an organization, or null when there is no organization of that name.</summary>
    public async Task<IReadOnlyList<OrgMember>?> GetOrgMembersAsync(string name, CancellationToken ct)
    {
        using var response = await http.GetAsync($"api/organizations/{Uri.EscapeDataString(name)}/members", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync<List<OrgMember>>(response, ct);
    }

    public async Task CreateOrgAsync(string name, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync("api/organizations/new", new { name }, Json, ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task SetOrgMemberAsync(string org, string user, string role, CancellationToken ct)
    {
        using var response = await http.PutAsJsonAsync($"api/organizations/{Uri.EscapeDataString(org)}/members", new { user, role }, Json, ct);
        await EnsureSuccessAsync(response, ct);
    }

    public async Task RemoveOrgMemberAsync(string org, string user, CancellationToken ct)
    {
        using var response = await http.DeleteAsync($"api/organizations/{Uri.EscapeDataString(org)}/members/{Uri.EscapeDataString(user)}", ct);
        await EnsureSuccessAsync(response, ct);
    }

    private static (string Namespace, string Name) Split(string id) => id.Split('/') is [var ns, var name] ? (ns, name) : ("", id);
}
