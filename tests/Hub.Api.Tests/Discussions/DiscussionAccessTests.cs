using System.Net;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Metadata.Discussions;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Api.Tests.Discussions.DiscussionApi;

namespace Hub.Api.Tests.Discussions;

/// <summary>Who sees and changes discussions: private repositories stay invisible, authors and writers decide, deletion removes all.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed class DiscussionAccessTests(ProductionHub hub)
{
    [Fact]
    public async Task Discussions_of_a_private_repository_answer_as_a_missing_repository_to_those_who_cannot_see_it()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, other) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, owner, isPrivate: true);
        await OkAsync(CreateAsync(hub.Client(owner), repo, "Private talk", "x"));

        foreach (var (client, status) in new[] { (hub.Client(), HttpStatusCode.Unauthorized), (hub.Client(other), HttpStatusCode.NotFound) })
        {
            foreach (var request in new[]
            {
                ListAsync(client, repo), DetailsAsync(client, repo, 1), CreateAsync(client, repo, "Hello there", "x"),
                PostAsync(client, repo, 1, "comment", new { comment = "hi" }), PostAsync(client, repo, 1, "merge"),
            })
            {
                var response = await request;
                Assert.Equal(status, response.StatusCode);
                Assert.Equal("RepoNotFound", response.Headers.GetValues("X-Error-Code").Single());
            }
        }
        Assert.Equal(1, (await OkAsync(ListAsync(hub.Client(owner), repo)))["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Readers_open_and_comment_but_only_the_author_or_a_writer_closes_or_renames()
    {
        var (_, owner) = await hub.CreateUserAsync();
        var (_, reader) = await hub.CreateUserAsync();
        var (_, third) = await hub.CreateUserAsync();
        var (_, readToken) = await hub.CreateUserAsync(role: "read");
        var repo = await HubRepo.CreateAsync(hub, owner);
        await OkAsync(CreateAsync(hub.Client(reader), repo, "A reader asks", "x"));

        await OkAsync(PostAsync(hub.Client(third), repo, 1, "comment", new { comment = "me too" }));
        await FailsAsync(PostAsync(hub.Client(third), repo, 1, "status", new { status = "closed" }), HttpStatusCode.Forbidden);
        await FailsAsync(PostAsync(hub.Client(third), repo, 1, "title", new { title = "Hijacked" }), HttpStatusCode.Forbidden);
        await FailsAsync(PostAsync(hub.Client(), repo, 1, "comment", new { comment = "anonymous" }), HttpStatusCode.Unauthorized);
        await FailsAsync(PostAsync(hub.Client(readToken), repo, 1, "comment", new { comment = "read token" }), HttpStatusCode.Forbidden);
        await FailsAsync(PostAsync(hub.Client(reader), repo, 1, "status", new { status = "merged" }), HttpStatusCode.BadRequest);
        await FailsAsync(PostAsync(hub.Client(reader), repo, 1, "title", new { title = "x" }), HttpStatusCode.BadRequest);
        await FailsAsync(PostAsync(hub.Client(reader), repo, 1, "comment", new { comment = "  " }), HttpStatusCode.BadRequest);
        await OkAsync(PostAsync(hub.Client(reader), repo, 1, "title", new { title = "A reader asks again" }));
        await OkAsync(PostAsync(hub.Client(reader), repo, 1, "status", new { status = "closed" }));
        await FailsAsync(PostAsync(hub.Client(reader), repo, 1, "status", new { status = "closed" }), HttpStatusCode.BadRequest);
        await OkAsync(PostAsync(hub.Client(owner), repo, 1, "status", new { status = "open" }));

        var details = ParseDetails(await OkAsync(DetailsAsync(hub.Client(), repo, 1)));
        Assert.Equal(("A reader asks again", "open"), (details.Discussion.Title, details.Discussion.Status));
    }

    [Fact]
    public async Task Deleting_a_repository_deletes_its_discussions()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var id = await repo.IdAsync();
        await OkAsync(CreateAsync(client, repo, "Soon gone", "x"));
        await OkAsync(CreatePrCommitAsync(client, repo, "Also gone", "y", [HubApi.File("g.txt", "g"u8.ToArray())]));
        var store = hub.Services.GetRequiredService<IDiscussionStore>();
        Assert.Equal(2, await store.MaxNumberAsync(id, CancellationToken.None));

        var delete = new HttpRequestMessage(HttpMethod.Delete, "api/repos/delete") { Content = System.Net.Http.Json.JsonContent.Create(new { name = repo.FullName.Split('/')[1], type = "model" }) };
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(delete)).StatusCode);

        Assert.Equal(0, await store.MaxNumberAsync(id, CancellationToken.None));
        Assert.Equal(0, (await store.ListAsync(new DiscussionQuery(id, null, null, null, 0, 50), CancellationToken.None)).Count);
        var again = await HubRepo.CreateAsync(hub, token);
        Assert.Equal(0, (await OkAsync(ListAsync(client, again)))["count"]!.GetValue<int>());
    }
}
