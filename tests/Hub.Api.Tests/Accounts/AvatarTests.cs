using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Accounts;

/// <summary>The avatar URLs the API hands out (whoami, commit authors) are well-formed and answer an image, not a 404.</summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class AvatarTests(EmbeddedHub hub)
{
    [Fact]
    public async Task Whoami_and_commit_author_avatars_answer_an_svg_even_for_author_names_with_spaces()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token); // commits as "CI Bot"
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "a.txt"), "a", Encoding.UTF8);
        await ci.OkAsync(work, "add", "a.txt");
        await ci.OkAsync(work, "commit", "-m", "by the bot");
        await ci.OkAsync(work, "push", "origin", "main");
        var client = hub.Client(token);

        var whoami = (await client.GetFromJsonAsync<JsonObject>("api/whoami-v2"))!["avatarUrl"]!.GetValue<string>();
        var commits = (await client.GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/commits/main"))!;
        var bot = commits[0]!["authors"]![0]!["avatar"]!.GetValue<string>();

        Assert.True(Uri.IsWellFormedUriString(bot, UriKind.Absolute), bot);
        Assert.EndsWith("/avatars/CI%20Bot", bot, StringComparison.Ordinal);
        foreach (var url in new[] { whoami, bot })
        {
            var response = await hub.Client().GetAsync(new Uri(url));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/svg+xml", response.Content.Headers.ContentType?.MediaType);
            Assert.StartsWith("<svg", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Avatars_is_a_reserved_name()
    {
        var response = await hub.Client().PostAsJsonAsync("api/auth/signup", new { username = "avatars", password = "correct-horse-battery" });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
