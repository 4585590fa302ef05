using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Accounts;

/// <summary>
/// whoami-v2 for fine-grained tokens as scripts read it on huggingface.co:
/// <c>whoami()["auth"]["accessToken"]["fineGrained"]["scoped"][i]["entity"]["type"|"name"]</c> and <c>"repo.write" in ...["permissions"]</c>.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class WhoAmIFineGrainedTests(ProductionHub hub)
{
    private async Task<string> CreateTokenAsync(string userToken, object body)
    {
        var response = await hub.Client(userToken).PostAsJsonAsync("api/settings/tokens", body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, text);
        return JsonNode.Parse(text)!["token"]!.GetValue<string>();
    }

    [Fact]
    public async Task Whoami_of_a_fine_grained_token_lists_its_scopes_with_hf_entities_and_permissions()
    {
        var (owner, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var org = "o" + Guid.NewGuid().ToString("N")[..10];
        Assert.True((await client.PostAsJsonAsync("api/organizations/new", new { name = org })).IsSuccessStatusCode);
        var dataset = await HubApi.CreateRepoAsync(client, "d" + Guid.NewGuid().ToString("N")[..10], "dataset");
        var scoped = await CreateTokenAsync(token, new
        {
            displayName = "ci",
            role = "fineGrained",
            scopes = new object[] { new { repo = dataset, repoType = "dataset", access = "write" }, new { @namespace = org, access = "read" } },
        });

        var whoami = (await hub.Client(scoped).GetFromJsonAsync<JsonObject>("api/whoami-v2"))!;
        Assert.Equal(owner, whoami["name"]!.GetValue<string>());
        Assert.Contains(whoami["orgs"]!.AsArray(), o => o!["name"]!.GetValue<string>() == org);
        var access = whoami["auth"]!["accessToken"]!;
        Assert.Equal("fineGrained", access["role"]!.GetValue<string>());
        var items = access["fineGrained"]!["scoped"]!.AsArray();
        var repoItem = items.Single(i => i!["entity"]!["type"]!.GetValue<string>() == "dataset")!;
        Assert.Equal(dataset, repoItem["entity"]!["name"]!.GetValue<string>());
        Assert.Contains("repo.write", repoItem["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        var orgItem = items.Single(i => i!["entity"]!["type"]!.GetValue<string>() == "org")!;
        Assert.Equal(org, orgItem["entity"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("repo.write", orgItem["permissions"]!.AsArray().Select(p => p!.GetValue<string>()));
        Assert.NotNull(access["fineGrained"]!["global"]!.AsArray());

        // A plain token carries no fineGrained key at all.
        var plain = (await client.GetFromJsonAsync<JsonObject>("api/whoami-v2"))!["auth"]!["accessToken"]!.AsObject();
        Assert.False(plain.ContainsKey("fineGrained"));
    }
}
