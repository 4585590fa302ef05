using System.Net;
using System.Net.Http.Json;
using Hub.Api.Tests.Infrastructure;
using Hub.Api.Tests.Webhooks;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Git;

/// <summary>Webhooks see git pushes as they see HTTP commits: one delivery per push that moved a ref, none for one that did not.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitPushWebhookTests(ProductionHub hub)
{
    [Fact]
    public async Task A_landed_push_is_delivered_with_its_head_and_one_git_could_not_apply_is_not()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubRepo.CreateAsync(hub, token);
        var created = await client.PostAsJsonAsync("api/settings/webhooks", new { url = receiver.Url, watched = new[] { new { type = "model", name = repo.FullName } }, domains = new[] { "repo" } });
        Assert.True(created.IsSuccessStatusCode, await created.Content.ReadAsStringAsync());
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await GitRefUpdateTests.CommitFileAsync(ci, work, "a.txt", "pushed\n");

        await ci.OkAsync(work, "push", "origin", "main");

        var (_, body) = await receiver.NextAsync();
        Assert.Equal("repo.content", body["event"]!["scope"]!.GetValue<string>());
        Assert.Equal(await ci.HeadAsync(work), body["repo"]!["headSha"]!.GetValue<string>());

        // The check lets this one through, then git cannot take the ref another writer holds.
        await GitRefUpdateTests.CommitFileAsync(ci, work, "b.txt", "never lands\n");
        var lockFile = Path.Combine(hub.Services.GetRequiredService<IGitRepositoryStore>().GetPath(await repo.IdAsync()), "refs", "heads", "main.lock");
        await File.WriteAllTextAsync(lockFile, "");
        try
        {
            Assert.NotEqual(0, (await ci.RunAsync(work, "push", "origin", "main")).ExitCode);
        }
        finally
        {
            File.Delete(lockFile);
        }
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"{repo.ApiPath}/settings", new { @private = true })).StatusCode);
        // Deliveries come in order: the next one is the settings change, so the failed push sent none.
        var (_, next) = await receiver.NextAsync();
        Assert.Equal("repo.config", next["event"]!["scope"]!.GetValue<string>());
    }
}
