using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Webhooks;

/// <summary>
/// Discussions and pull requests reach webhooks as on huggingface.co: scope <c>discussion</c> (created, closed,
/// renamed, merged) and <c>discussion.comment</c>, each with the <c>discussion</c> object and, for comments, <c>comment</c>.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class DiscussionWebhookTests(ProductionHub hub)
{
    [Fact]
    public async Task Opening_commenting_and_closing_a_discussion_are_posted_in_order()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (user, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, "talk-" + Guid.NewGuid().ToString("N")[..8]);
        var created = await client.PostAsJsonAsync("api/settings/webhooks", new { url = receiver.Url, watched = new[] { new { type = "model", name = repo } } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());

        Assert.True((await client.PostAsJsonAsync($"api/models/{repo}/discussions", new { title = "Card typo", description = "See line 3.", pullRequest = false })).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync($"api/models/{repo}/discussions/1/comment", new { comment = "Fixed upstream." })).IsSuccessStatusCode);
        Assert.True((await client.PostAsJsonAsync($"api/models/{repo}/discussions/1/status", new { status = "closed", comment = "" })).IsSuccessStatusCode);

        var (_, opened) = await receiver.NextAsync();
        Assert.Equal(("create", "discussion"), Event(opened));
        Assert.Equal(repo, opened["repo"]!["name"]!.GetValue<string>());
        Assert.Equal(1, opened["discussion"]!["num"]!.GetValue<int>());
        Assert.Equal("Card typo", opened["discussion"]!["title"]!.GetValue<string>());
        Assert.False(opened["discussion"]!["isPullRequest"]!.GetValue<bool>());
        Assert.Equal($"{hub.Url}/{repo}/discussions/1", opened["discussion"]!["url"]!["web"]!.GetValue<string>());
        Assert.Null(opened["comment"]);

        var (_, comment) = await receiver.NextAsync();
        Assert.Equal(("create", "discussion.comment"), Event(comment));
        Assert.Equal("Fixed upstream.", comment["comment"]!["content"]!.GetValue<string>());
        Assert.Equal(user, comment["comment"]!["author"]!["name"]!.GetValue<string>());

        var (_, closed) = await receiver.NextAsync();
        Assert.Equal(("update", "discussion"), Event(closed));
        Assert.Equal("closed", closed["discussion"]!["status"]!.GetValue<string>());
    }

    private static (string, string) Event(JsonObject body) => (body["event"]!["action"]!.GetValue<string>(), body["event"]!["scope"]!.GetValue<string>());
}
