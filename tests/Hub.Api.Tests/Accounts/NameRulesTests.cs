using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Accounts;

/// <summary>
/// Names a client chooses — users, organizations, repositories, branches, tags — follow the rules to the last character:
/// a trailing line break is not a name (it used to pass, then break URLs, or reach git as a 500), and a branch or tag
/// is never named like a commit id, which both HF clients would take for one and serve from their cache.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class NameRulesTests(EmbeddedHub hub)
{
    private static string NewName(string prefix) => prefix + Guid.NewGuid().ToString("N")[..10];

    private static async Task AssertBadRequestAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode} {body}");
        Assert.False(string.IsNullOrWhiteSpace(response.Headers.GetValues("X-Error-Message").Single()));
        Assert.False(string.IsNullOrWhiteSpace(JsonNode.Parse(body)!["error"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_user_organization_or_repository_name_ending_in_a_line_break_is_refused()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var name = NewName("n");

        await AssertBadRequestAsync(await hub.Client().PostAsJsonAsync("api/auth/signup", new { username = name + "\n", password = "correct-horse-battery", email = $"{name}@example.com" }));
        await AssertBadRequestAsync(await client.PostAsJsonAsync("api/organizations/new", new { name = name + "\n" }));
        await AssertBadRequestAsync(await client.PostAsJsonAsync("api/repos/create", new { name = name + "\n", type = "model" }));

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsJsonAsync("api/repos/create", new { name, type = "model" })).StatusCode);
    }

    [Theory]
    [InlineData("main%0A")]
    [InlineData("dev%0A")]
    [InlineData("0123456789abcdef0123456789abcdef01234567")]
    [InlineData("0000000000000000000000000000000000000000")]
    public async Task Creating_a_branch_with_a_bad_name_is_a_400_and_adds_no_ref(string branch)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var before = await repo.RefsAsync();

        await AssertBadRequestAsync(await hub.Client(token).PostAsync($"{repo.ApiPath}/branch/{branch}", null));

        Assert.Equal(before, await repo.RefsAsync());
    }

    [Theory]
    [InlineData("v1\n")]
    [InlineData("ABCDEF0123456789abcdef0123456789abcdef01")]
    public async Task Creating_a_tag_with_a_bad_name_is_a_400_and_adds_no_ref(string tag)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var before = await repo.RefsAsync();

        await AssertBadRequestAsync(await hub.Client(token).PostAsJsonAsync($"{repo.ApiPath}/tag/main", new { tag }));

        Assert.Equal(before, await repo.RefsAsync());
    }

    [Fact]
    public async Task A_revision_of_40_zeros_is_not_found_rather_than_some_branch()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        await hub.Client(token).PostAsync($"{repo.ApiPath}/branch/0000000000000000000000000000000000000000", null);

        var response = await hub.Client(token).GetAsync($"{repo.ApiPath}/revision/0000000000000000000000000000000000000000");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("RevisionNotFound", response.Headers.GetValues("X-Error-Code").Single());
    }

    [Fact]
    public async Task Git_push_of_a_branch_named_like_a_commit_id_is_refused()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "hello", Encoding.UTF8);
        await ci.OkAsync(work, "add", "notes.txt");
        await ci.OkAsync(work, "commit", "-m", "notes");
        var before = await repo.RefsAsync();
        var name = "0123456789abcdef0123456789abcdef01234567";

        var (exit, output) = await ci.RunAsync(work, "push", "origin", "HEAD:refs/heads/" + name);

        Assert.NotEqual(0, exit);
        Assert.Contains("commit id", output, StringComparison.Ordinal);
        Assert.Equal(before, await repo.RefsAsync());
        await ci.OkAsync(work, "push", "origin", "HEAD:refs/heads/feature-" + name[..8]);
    }
}
