using System.Net.Http.Json;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security;

/// <summary>A hub for one security test class: PostgreSQL + Ceph RGW (or the embedded defaults), with extra settings.</summary>
public class SecurityHub(bool production, IReadOnlyDictionary<string, string?>? settings = null) : HubServer(production)
{
    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
        settings ?? new Dictionary<string, string?>();

    /// <summary>Creates an organization owned by the user of <paramref name="ownerToken"/> and adds members with roles.</summary>
    public async Task<string> CreateOrganizationAsync(string ownerToken, params (string User, string Role)[] members)
    {
        var name = "org" + Guid.NewGuid().ToString("N")[..10];
        var client = Client(ownerToken);
        var created = await client.PostAsJsonAsync("api/organizations/new", new { name });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        foreach (var (user, role) in members)
        {
            var set = await client.PutAsJsonAsync($"api/organizations/{name}/members", new { user, role });
            Assert.True(set.IsSuccessStatusCode, await set.Content.ReadAsStringAsync());
        }
        return name;
    }

    /// <summary>A token created through the API (the way users create them), returning the secret.</summary>
    public async Task<string> CreateTokenAsync(string userToken, string role, object[]? scopes = null, int? expiresInDays = null)
    {
        var response = await Client(userToken).PostAsJsonAsync("api/settings/tokens", new { displayName = "t-" + role, role, scopes, expiresInDays });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return System.Text.Json.Nodes.JsonNode.Parse(body)!["token"]!.GetValue<string>();
    }

    public async Task SetGatedAsync(string token, string repo, string gated)
    {
        var response = await Client(token).PutAsJsonAsync($"api/models/{repo}/settings", new { gated });
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
    }
}
