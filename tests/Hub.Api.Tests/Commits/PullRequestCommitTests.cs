using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Commits;

/// <summary>
/// Pull requests as huggingface_hub drives them: <c>create_commit(create_pr=True)</c> opens one (concurrent calls get
/// distinct numbers), and <c>upload_file(..., revision="refs/pr/1")</c> adds commits to it without touching main.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class PullRequestCommitTests(EmbeddedHub hub)
{
    private static async Task<JsonNode> OkAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {body}");
        return JsonNode.Parse(body)!;
    }

    [Fact]
    public async Task A_commit_to_refs_pr_n_extends_that_pull_request_and_leaves_main_alone()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var main = await repo.HeadAsync();
        var opened = await OkAsync(await HubApi.CommitAsync(client, repo.FullName, "open", [HubApi.File("a.txt", "a"u8.ToArray())], createPr: true));
        Assert.EndsWith("/discussions/1", opened["pullRequestUrl"]!.GetValue<string>(), StringComparison.Ordinal);

        var update = await OkAsync(await HubApi.CommitAsync(client, repo.FullName, "more", [HubApi.File("b.txt", "b"u8.ToArray())], revision: "refs/pr/1"));

        var refs = await client.GetFromJsonAsync<JsonObject>($"{repo.ApiPath}/refs?include_prs=1");
        Assert.Equal(update["commitOid"]!.GetValue<string>(), refs!["pullRequests"]![0]!["targetCommit"]!.GetValue<string>());
        Assert.Equal(main, await repo.HeadAsync());
        var commits = (await client.GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/commits/{Uri.EscapeDataString("refs/pr/1")}"))!;
        Assert.Equal(["more", "open"], commits.Take(2).Select(c => c!["title"]!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(repo.ResolvePath("a.txt", Uri.EscapeDataString("refs/pr/1")))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(repo.ResolvePath("b.txt", Uri.EscapeDataString("refs/pr/1")))).StatusCode);
    }

    [Fact]
    public async Task A_missing_pull_request_is_a_revision_not_found_and_a_pull_request_of_a_pull_request_is_refused()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        await OkAsync(await HubApi.CommitAsync(client, repo.FullName, "open", [HubApi.File("a.txt", "a"u8.ToArray())], createPr: true));
        var before = await repo.RefsAsync();

        var missing = await HubApi.CommitAsync(client, repo.FullName, "x", [HubApi.File("c.txt", "c"u8.ToArray())], revision: "refs/pr/7");
        var nested = await HubApi.CommitAsync(client, repo.FullName, "x", [HubApi.File("c.txt", "c"u8.ToArray())], revision: "refs/pr/1", createPr: true);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("RevisionNotFound", missing.Headers.GetValues("X-Error-Code").Single());
        Assert.Equal(HttpStatusCode.BadRequest, nested.StatusCode);
        Assert.Equal(before, await repo.RefsAsync());
    }

    [Fact]
    public async Task Concurrent_create_pr_commits_each_open_their_own_pull_request()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i =>
            HubApi.CommitAsync(client, repo.FullName, $"proposal {i}", [HubApi.File($"p{i}.txt", [(byte)i])], createPr: true)));

        var urls = new List<string>();
        foreach (var response in responses) urls.Add((await OkAsync(response))["pullRequestUrl"]!.GetValue<string>());
        Assert.Equal(6, urls.Distinct().Count());
        var refs = await client.GetFromJsonAsync<JsonObject>($"{repo.ApiPath}/refs?include_prs=1");
        Assert.Equal(6, refs!["pullRequests"]!.AsArray().Count);
    }
}
