using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using static Hub.Api.Tests.Discussions.DiscussionApi;

namespace Hub.Api.Tests.Discussions;

/// <summary>The embedded hub (SQLite, its own AddDiscussions migration): a pull request from create_pr to merge.</summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class EmbeddedDiscussionTests(EmbeddedHub hub)
{
    [Fact]
    public async Task A_pull_request_is_opened_commented_and_merged_on_the_embedded_hub()
    {
        var (user, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var prHead = (await OkAsync(CreatePrCommitAsync(client, repo, "Add data", "Adds data.csv", [HubApi.File("data.csv", "a,b\n"u8.ToArray())])))["commitOid"]!.GetValue<string>();
        await OkAsync(PostAsync(client, repo, 1, "comment", new { comment = "LGTM" }));

        await OkAsync(PostAsync(client, repo, 1, "merge"));

        Assert.Equal(prHead, await repo.HeadAsync());
        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal(new ParsedDiscussion("Add data", 1, user, details.Discussion.CreatedAt, "merged", repo.FullName, "model", true), details.Discussion);
        Assert.Equal(["comment", "commit", "comment", "status-change"], details.Events.Select(e => e.Type));
        Assert.Equal(prHead, details.MergeCommitOid);
        var list = await OkAsync(ListAsync(client, repo, "p=0&status=merged"));
        Assert.Equal(1, list["count"]!.GetValue<int>());
    }
}
