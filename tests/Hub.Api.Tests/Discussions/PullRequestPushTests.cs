using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using static Hub.Api.Tests.Discussions.DiscussionApi;

namespace Hub.Api.Tests.Discussions;

/// <summary>A pull request is updated with git as with the API: a push to <c>refs/pr/N</c> joins N's timeline.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class PullRequestPushTests(ProductionHub hub)
{
    [Fact]
    public async Task A_git_push_to_a_pull_requests_ref_adds_its_commit_to_the_timeline()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        await OkAsync(CreatePrCommitAsync(client, repo, "Add weights", "", [HubApi.File("weights.txt", "w1\n"u8.ToArray())]));

        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.OkAsync(work, "fetch", "origin", "refs/pr/1:pr1");
        await ci.OkAsync(work, "checkout", "pr1");
        await File.WriteAllTextAsync(Path.Combine(work, "weights.txt"), "w2\n");
        await ci.OkAsync(work, "commit", "-am", "Retrain with a lower learning rate");
        await ci.OkAsync(work, "push", "origin", "pr1:refs/pr/1");
        var pushed = await ci.HeadAsync(work);

        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal(["commit", "commit"], details.Events.Select(e => e.Type));
        Assert.Equal((pushed, "Retrain with a lower learning rate"), (details.Events[1].Oid, details.Events[1].Summary));
        Assert.Contains("+w2", details.Diff, StringComparison.Ordinal);
    }
}
