using System.Net;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Discussions.DiscussionApi;

namespace Hub.Api.Tests.Discussions;

/// <summary>
/// Discussions and pull requests as huggingface_hub drives them (create_discussion, comment_discussion,
/// edit/hide_discussion_comment, rename_discussion, change_discussion_status, get_repo_discussions,
/// get_discussion_details, create_commit(create_pr=True)), on PostgreSQL + Ceph.
/// </summary>
[Collection(ProductionHubCollection.Name)]
public sealed class DiscussionLifecycleTests(ProductionHub hub)
{
    [Fact]
    public async Task A_create_pr_commit_is_listed_and_detailed_with_its_description_commit_target_and_diff()
    {
        var (user, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);

        var commit = await OkAsync(CreatePrCommitAsync(client, repo, "Add weights", "Trained for 3 epochs.", [HubApi.File("weights.txt", "w1\n"u8.ToArray())]));

        var list = await OkAsync(ListAsync(client, repo));
        Assert.Equal(1, list["count"]!.GetValue<int>());
        Assert.Equal(0, list["start"]!.GetValue<int>());
        Assert.Equal(0, list["numClosedDiscussions"]!.GetValue<int>());
        var listed = Parse(list["discussions"]![0]!);
        Assert.Equal(new ParsedDiscussion("Add weights", 1, user, listed.CreatedAt, "open", repo.FullName, "model", true), listed);
        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal("refs/heads/main", details.TargetBranch);
        Assert.Empty(details.ConflictingFiles!);
        Assert.Null(details.MergeCommitOid);
        Assert.Contains("+++ b/weights.txt", details.Diff, StringComparison.Ordinal);
        Assert.Equal(["comment", "commit"], details.Events.Select(e => e.Type));
        Assert.Equal("Trained for 3 epochs.", details.Events[0].Content);
        Assert.Equal(user, details.Events[0].Author);
        Assert.Equal((commit["commitOid"]!.GetValue<string>(), "Add weights"), (details.Events[1].Oid, details.Events[1].Summary));
    }

    [Fact]
    public async Task A_discussion_is_commented_edited_renamed_closed_and_reopened_with_every_change_on_its_timeline()
    {
        var (user, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);

        var created = await OkAsync(CreateAsync(client, repo, "  Loading fails  ", "Discussion opened with the [huggingface_hub Python library](https://huggingface.co/docs/huggingface_hub)"));
        var num = created["num"]!.GetValue<int>();
        var comment = ParseEvent((await OkAsync(PostAsync(client, repo, num, "comment", new { comment = "It needs **trust_remote_code**" })))["newMessage"]!);
        var edited = ParseEvent((await OkAsync(PostAsync(client, repo, num, $"comment/{comment.Id.ToLowerInvariant()}/edit", new { content = "Fixed <b>it</b>" })))["updatedComment"]!);
        var renamed = ParseEvent((await OkAsync(PostAsync(client, repo, num, "title", new { title = "Loading fails without trust_remote_code" })))["newTitle"]!);
        var closed = ParseEvent((await OkAsync(PostAsync(client, repo, num, "status", new { status = "closed", comment = "Answered." })))["newStatus"]!);
        var closedList = await OkAsync(ListAsync(client, repo, "p=0&status=closed"));
        var reopened = ParseEvent((await OkAsync(PostAsync(client, repo, num, "status", new { status = "open" })))["newStatus"]!);

        Assert.Equal(1, num);
        Assert.Equal(("comment", "It needs **trust_remote_code**", false), (comment.Type, comment.Content, comment.Edited));
        Assert.Equal((comment.Id, "Fixed <b>it</b>", true), (edited.Id, edited.Content, edited.Edited));
        Assert.Contains("Fixed &lt;b&gt;it&lt;/b&gt;", edited.Html, StringComparison.Ordinal);
        Assert.Equal(("Loading fails", "Loading fails without trust_remote_code"), (renamed.OldTitle, renamed.NewTitle));
        Assert.Equal(("closed", "open"), (closed.NewStatus, reopened.NewStatus));
        Assert.Equal((1, 1), (closedList["count"]!.GetValue<int>(), closedList["numClosedDiscussions"]!.GetValue<int>()));
        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, num)));
        Assert.Equal(new ParsedDiscussion("Loading fails without trust_remote_code", 1, user, details.Discussion.CreatedAt, "open", repo.FullName, "model", false), details.Discussion);
        Assert.Equal(["comment", "comment", "title-change", "comment", "status-change", "status-change"], details.Events.Select(e => e.Type));
        Assert.Equal("Fixed <b>it</b>", details.Events[1].Content);
        Assert.Equal("Answered.", details.Events[3].Content);
        Assert.Null(details.TargetBranch);
        Assert.Null(details.ConflictingFiles);
        Assert.Null(details.Diff);
    }

    [Fact]
    public async Task Hidden_comments_lose_their_text_and_only_writers_hide_them()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, other) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, owner);
        await OkAsync(CreateAsync(hub.Client(owner), repo, "Spam below", "watch"));
        var spam = ParseEvent((await OkAsync(PostAsync(hub.Client(other), repo, 1, "comment", new { comment = "buy things" })))["newMessage"]!);

        await FailsAsync(PostAsync(hub.Client(other), repo, 1, $"comment/{spam.Id}/hide"), HttpStatusCode.Forbidden);
        var hidden = ParseEvent((await OkAsync(PostAsync(hub.Client(owner), repo, 1, $"comment/{spam.Id}/hide")))["updatedComment"]!);
        await FailsAsync(PostAsync(hub.Client(other), repo, 1, $"comment/{spam.Id}/edit", new { content = "still spam" }), HttpStatusCode.Forbidden);

        Assert.True(hidden.Hidden);
        Assert.DoesNotContain("buy things", hidden.Content, StringComparison.Ordinal);
        var details = ParseDetails(await OkAsync(DetailsAsync(hub.Client(other), repo, 1)));
        Assert.True(details.Events[1].Hidden);
        Assert.DoesNotContain("buy things", details.Events[1].Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_list_filters_by_type_status_and_author_and_pages_by_fifty()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (otherName, other) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, owner);
        for (var i = 0; i < 52; i++) await OkAsync(CreateAsync(hub.Client(i == 0 ? other : owner), repo, $"Question {i}", "?"));
        await OkAsync(CreatePrCommitAsync(hub.Client(owner), repo, "A change", "", [HubApi.File("x.txt", "x"u8.ToArray())]));

        var first = await OkAsync(ListAsync(hub.Client(), repo, "p=0"));
        var second = await OkAsync(ListAsync(hub.Client(), repo, "p=1"));
        var prs = await OkAsync(ListAsync(hub.Client(), repo, "p=0&type=pull_request"));
        var byOther = await OkAsync(ListAsync(hub.Client(), repo, $"p=0&type=discussion&author={otherName}"));

        Assert.Equal((53, 0, 50), (first["count"]!.GetValue<int>(), first["start"]!.GetValue<int>(), first["discussions"]!.AsArray().Count));
        Assert.Equal((53, 50, 3), (second["count"]!.GetValue<int>(), second["start"]!.GetValue<int>(), second["discussions"]!.AsArray().Count));
        Assert.Equal(53, Parse(first["discussions"]![0]!).Num); // newest first
        Assert.Equal([53], prs["discussions"]!.AsArray().Select(d => Parse(d!).Num));
        Assert.Equal([1], byOther["discussions"]!.AsArray().Select(d => Parse(d!).Num));
        await FailsAsync(ListAsync(hub.Client(), repo, "p=0&type=issues"), HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Numbers_continue_after_a_pushed_refs_pr_ref_and_are_shared_by_discussions_and_pull_requests()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var git = hub.Services.GetRequiredService<IGitRepositoryStore>();
        // What a `git push origin HEAD:refs/pr/5` leaves behind: a ref and no record.
        await git.UpdateRefAsync(await repo.IdAsync(), "refs/pr/5", await repo.HeadAsync(), null, CancellationToken.None);

        var discussion = await OkAsync(CreateAsync(client, repo, "After the push", "x"));
        var pr = await OkAsync(CreatePrCommitAsync(client, repo, "Next change", "", [HubApi.File("y.txt", "y"u8.ToArray())]));
        var draft = await OkAsync(CreateAsync(client, repo, "Empty proposal", "x", pullRequest: true));

        Assert.Equal(6, discussion["num"]!.GetValue<int>());
        Assert.EndsWith("/discussions/7", pr["pullRequestUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal((8, "draft", true), (draft["num"]!.GetValue<int>(), draft["status"]!.GetValue<string>(), draft["isPullRequest"]!.GetValue<bool>()));
        Assert.Contains($"refs/pr/8 {await repo.HeadAsync()}", await repo.RefsAsync(), StringComparison.Ordinal);
        await FailsAsync(DetailsAsync(client, repo, 5), HttpStatusCode.NotFound);
        await FailsAsync(DetailsAsync(client, repo, 9), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Concurrent_discussions_and_create_pr_commits_on_a_dataset_each_get_their_own_number()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, type: "dataset");
        var client = hub.Client(token);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => i % 2 == 0
            ? CreateAsync(client, repo, $"Question {i}", "?", pullRequest: i % 4 == 0)
            : CreatePrCommitAsync(client, repo, $"Change {i}", "", [HubApi.File($"f{i}.txt", [(byte)i])])));

        foreach (var response in responses) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var list = await OkAsync(ListAsync(client, repo));
        var items = list["discussions"]!.AsArray().Select(d => Parse(d!)).ToList();
        Assert.Equal(Enumerable.Range(1, 8).Reverse(), items.Select(d => d.Num));
        Assert.All(items, d => Assert.Equal((repo.FullName, "dataset"), (d.RepoId, d.RepoType)));
        Assert.Equal(6, items.Count(d => d.IsPullRequest));
        var refs = await repo.RefsAsync();
        foreach (var pr in items.Where(d => d.IsPullRequest)) Assert.Contains($"refs/pr/{pr.Num} ", refs, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_draft_pull_request_opens_with_its_first_commit()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        await OkAsync(CreateAsync(client, repo, "Convert to safetensors", "later", pullRequest: true));
        await FailsAsync(PostAsync(client, repo, 1, "merge"), HttpStatusCode.BadRequest);

        var commit = await HubApi.CommitAsync(client, repo.FullName, "Add model.safetensors", [HubApi.File("model.safetensors", [1, 2, 3])], revision: "refs/pr/1");
        Assert.Equal(HttpStatusCode.OK, commit.StatusCode);

        var details = ParseDetails(await OkAsync(DetailsAsync(client, repo, 1)));
        Assert.Equal("open", details.Discussion.Status);
        Assert.Equal(["comment", "commit", "status-change"], details.Events.Select(e => e.Type));
        Assert.Equal("Add model.safetensors", details.Events[1].Summary);
        Assert.Contains("model.safetensors", details.Diff, StringComparison.Ordinal);
    }
}
