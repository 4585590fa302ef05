using System.Net;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Discussions.DiscussionApi;

namespace Hub.Api.Tests.Discussions;

/// <summary>merge_pull_request: fast-forward, merge commit, conflicts, and who may merge what.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class PullRequestMergeTests(ProductionHub hub)
{
    private static IGitRepositoryStore Git(HubServer hub) => hub.Services.GetRequiredService<IGitRepositoryStore>();

    [Fact]
    public async Task A_pull_request_on_an_unmoved_branch_merges_by_fast_forward()
    {
        var (user, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var pr = await OkAsync(CreatePrCommitAsync(client, repo, "Add README", "", [HubApi.File("README.md", "# hello\n"u8.ToArray())]));
        var prHead = pr["commitOid"]!.GetValue<string>();

        var merged = await OkAsync(PostAsync(client, repo, 1, "merge", new { comment = "Thanks!" }));

        Assert.Equal(prHead, await repo.HeadAsync());
        Assert.Equal("merged", ParseEvent(merged["newStatus"]!).NewStatus);
        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal(("merged", prHead), (details.Discussion.Status, details.MergeCommitOid));
        Assert.Equal(["commit", "comment", "status-change"], details.Events.Select(e => e.Type));
        Assert.Equal((user, "Thanks!"), (details.Events[1].Author, details.Events[1].Content));
        Assert.Contains("+++ b/README.md", details.Diff, StringComparison.Ordinal); // what it brought, even once merged
        Assert.Equal(1, (await OkAsync(ListAsync(client, repo, "p=0&status=closed")))["count"]!.GetValue<int>()); // merged counts as closed
        Assert.Equal(0, (await OkAsync(ListAsync(client, repo, "p=0&status=open")))["count"]!.GetValue<int>());
        // The default branch is indexed as after a commit: the README is the card now.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(repo.ResolvePath("README.md"))).StatusCode);
        var list = await OkAsync(ListAsync(client, repo));
        Assert.Equal(1, list["numClosedDiscussions"]!.GetValue<int>());
        await FailsAsync(PostAsync(client, repo, 1, "merge"), HttpStatusCode.BadRequest);
        await FailsAsync(PostAsync(client, repo, 1, "status", new { status = "open" }), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task A_pull_request_behind_its_branch_merges_with_a_merge_commit_holding_both_sides()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var prHead = (await OkAsync(CreatePrCommitAsync(client, repo, "Add a", "", [HubApi.File("a.txt", "a"u8.ToArray())])))["commitOid"]!.GetValue<string>();
        var mainHead = await HubApi.CommitOkAsync(client, repo.FullName, "Add b", HubApi.File("b.txt", "b"u8.ToArray()));
        Assert.Empty(ParseDetails(await OkAsync(DetailsAsync(client, repo, 1))).ConflictingFiles!);

        await OkAsync(PostAsync(client, repo, 1, "merge"));

        var head = await repo.HeadAsync();
        var commit = await Git(hub).GetCommitAsync(await repo.IdAsync(), head, CancellationToken.None);
        Assert.Equal([mainHead, prHead], commit!.Parents);
        Assert.Equal("Merge pull request #1: Add a", commit.Title);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(repo.ResolvePath("a.txt"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync(repo.ResolvePath("b.txt"))).StatusCode);
        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal(head, details.MergeCommitOid);
        Assert.Contains("+++ b/a.txt", details.Diff, StringComparison.Ordinal);
        Assert.DoesNotContain("b.txt", details.Diff, StringComparison.Ordinal);
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task A_conflicting_pull_request_lists_its_conflicts_and_its_merge_is_refused_with_409()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        await HubApi.CommitOkAsync(client, repo.FullName, "config", HubApi.File("config.json", "{\"a\": 1}"u8.ToArray()));
        await OkAsync(CreatePrCommitAsync(client, repo, "a = 2", "", [HubApi.File("config.json", "{\"a\": 2}"u8.ToArray())]));
        var mainHead = await HubApi.CommitOkAsync(client, repo.FullName, "a = 3", HubApi.File("config.json", "{\"a\": 3}"u8.ToArray()));

        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        var response = await PostAsync(client, repo, 1, "merge");

        Assert.Equal(["config.json"], details.ConflictingFiles);
        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Contains("config.json", body["error"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["config.json"], body["conflictingFiles"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(mainHead, await repo.HeadAsync());
        Assert.Equal("open", ParseDetails(await OkAsync(DetailsAsync(client, repo, 1))).Discussion.Status);
    }

    [Fact]
    public async Task Only_writers_merge_and_only_open_pull_requests_merge()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, other) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, owner);
        var client = hub.Client(owner);
        var main = await repo.HeadAsync();
        await OkAsync(CreatePrCommitAsync(client, repo, "Change", "", [HubApi.File("c.txt", "c"u8.ToArray())]));
        await OkAsync(CreateAsync(client, repo, "Just a question", "?"));

        await FailsAsync(PostAsync(hub.Client(other), repo, 1, "merge"), HttpStatusCode.Forbidden);
        await FailsAsync(PostAsync(hub.Client(), repo, 1, "merge"), HttpStatusCode.Unauthorized);
        await FailsAsync(PostAsync(client, repo, 2, "merge"), HttpStatusCode.BadRequest);
        await FailsAsync(PostAsync(client, repo, 3, "merge"), HttpStatusCode.NotFound);
        await OkAsync(PostAsync(client, repo, 1, "status", new { status = "closed" }));
        await FailsAsync(PostAsync(client, repo, 1, "merge"), HttpStatusCode.BadRequest);

        Assert.Equal(main, await repo.HeadAsync());
    }
}
