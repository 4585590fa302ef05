using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Http;

/// <summary>
/// Every refusal a client can meet carries the hf-api.md §1.5 shape — <c>X-Error-Message</c> and a JSON
/// <c>{"error": ...}</c> — including the ones no endpoint writes: unknown routes, wrong methods, bodies that made an
/// endpoint fail.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class ErrorShapeTests(EmbeddedHub hub)
{
    private static async Task<string> AssertHfErrorAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"{(int)response.StatusCode} {body}");
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        var message = response.Headers.GetValues("X-Error-Message").Single();
        Assert.False(string.IsNullOrWhiteSpace(message));
        Assert.Equal(message, JsonNode.Parse(body)!["error"]!.GetValue<string>());
        return message;
    }

    [Theory]
    [InlineData("api/no-such-endpoint")]
    [InlineData("api/models/a/b/c/d/e")]
    [InlineData("api/kernels/someone/something")]
    public async Task An_api_route_that_matches_nothing_is_a_404_with_a_message(string path)
    {
        var (_, token) = await hub.CreateUserAsync();
        await AssertHfErrorAsync(await hub.Client(token).GetAsync(path), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_method_the_route_does_not_take_is_a_405_naming_the_allowed_ones()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var org = "o" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/organizations/new", new { name = org })).StatusCode);

        // README says members are managed at /api/organizations/{name}/members; adding one is a PUT.
        var response = await client.PostAsJsonAsync($"api/organizations/{org}/members", new { user = "x", role = "read" });

        var message = await AssertHfErrorAsync(response, HttpStatusCode.MethodNotAllowed);
        Assert.Contains("PUT", message, StringComparison.Ordinal);
        Assert.Contains("PUT", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task Preupload_with_a_null_file_entry_is_a_400_not_a_500()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);

        var response = await hub.Client(token).PostAsync($"{repo.ApiPath}/preupload/main",
            new StringContent("{\"files\":[{\"path\":\"a.txt\",\"size\":1,\"sample\":\"eA==\"},null]}", Encoding.UTF8, "application/json"));

        await AssertHfErrorAsync(response, HttpStatusCode.BadRequest);
    }

    [Theory]
    [InlineData("api/settings/tokens", "{\"displayName\":\"x\",\"role\":\"fineGrained\",\"scopes\":[null]}")]
    [InlineData("api/settings/webhooks", "{\"url\":\"http://example.com/hook\",\"watched\":[null]}")]
    [InlineData("api/repos/create", "{\"name\":\"{name}\",\"files\":[null]}")]
    [InlineData("api/repos/create", "{\"name\":\"{name}\",\"files\":[{\"path\":null,\"content\":\"x\"}]}")]
    [InlineData("api/repos/create", "{\"name\":\"{name}\",\"files\":[{\"path\":\"a.txt\"}]}")]
    [InlineData("{repo}.git/info/lfs/objects/batch", "{\"operation\":\"upload\",\"objects\":[null]}")]
    public async Task A_null_where_a_list_item_or_field_belongs_is_a_400_not_a_500(string path, string body)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var name = "n" + Guid.NewGuid().ToString("N")[..10];

        var response = await hub.Client(token).PostAsync(path.Replace("{repo}", repo.FullName, StringComparison.Ordinal),
            new StringContent(body.Replace("{name}", name, StringComparison.Ordinal), Encoding.UTF8, "application/json"));

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {text}");
        var message = JsonNode.Parse(text)!["error"] ?? JsonNode.Parse(text)!["message"];
        Assert.False(string.IsNullOrWhiteSpace(message?.GetValue<string>()), text);
        Assert.Equal(HttpStatusCode.NotFound, (await hub.Client(token).GetAsync($"api/models/{repo.FullName.Split('/')[0]}/{name}")).StatusCode);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_is_named_by_its_json_path_not_by_a_dotnet_type()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);

        var response = await hub.Client(token).PostAsync($"{repo.ApiPath}/tag/main", new StringContent("{\"tag\":123}", Encoding.UTF8, "application/json"));

        var message = await AssertHfErrorAsync(response, HttpStatusCode.BadRequest);
        Assert.Contains("$.tag", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Hub.Api", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_endpoints_write_keep_their_own_message_and_code()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);

        var response = await hub.Client(token).GetAsync(repo.ResolvePath("missing.json"));

        Assert.Equal("Entry not found: missing.json", await AssertHfErrorAsync(response, HttpStatusCode.NotFound));
        Assert.Equal("EntryNotFound", response.Headers.GetValues("X-Error-Code").Single());
        Assert.Single(response.Headers.GetValues("X-Repo-Commit"));
    }

    [Fact]
    public async Task A_repository_deleted_while_a_request_works_on_it_is_not_found_rather_than_a_500()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        // What a DELETE racing this request leaves: the request found the repository, then its directory went away.
        await hub.Services.GetRequiredService<IGitRepositoryStore>().DeleteAsync(await repo.IdAsync(), CancellationToken.None);

        var commit = await HubApi.CommitAsync(hub.Client(token), repo.FullName, "late", [HubApi.File("a.txt", "x"u8.ToArray())]);
        var tree = await hub.Client(token).GetAsync($"{repo.ApiPath}/tree/main");

        await AssertHfErrorAsync(commit, HttpStatusCode.NotFound);
        Assert.Equal("RepoNotFound", commit.Headers.GetValues("X-Error-Code").Single());
        await AssertHfErrorAsync(tree, HttpStatusCode.NotFound);
        Assert.Equal("RepoNotFound", tree.Headers.GetValues("X-Error-Code").Single());
    }

    [Fact]
    public async Task Moving_or_deleting_a_repository_by_its_old_name_says_the_new_one_instead_of_redirecting_to_itself()
    {
        var (name, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubRepo.CreateAsync(hub, token);
        var renamed = repo.FullName + "-renamed";
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/repos/move", new { fromRepo = repo.FullName, toRepo = renamed })).StatusCode);

        var move = await client.PostAsJsonAsync("api/repos/move", new { fromRepo = repo.FullName, toRepo = repo.FullName + "-again" });
        using var delete = new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = JsonContent.Create(new { name = repo.FullName.Split('/')[1], organization = name }) };
        var deleted = await client.SendAsync(delete);

        foreach (var response in new[] { move, deleted })
        {
            Assert.Contains(renamed, await AssertHfErrorAsync(response, HttpStatusCode.NotFound), StringComparison.Ordinal);
            Assert.Equal("RepoNotFound", response.Headers.GetValues("X-Error-Code").Single());
        }
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/models/{renamed}")).StatusCode);
    }
}
