using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>A git push and an HTTP commit on the same branch exclude each other: compare-and-swap on the ref.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitPushRaceTests(ProductionHub hub)
{
    [Fact]
    public async Task Push_racing_an_http_commit_on_main_never_loses_the_winner_and_tells_the_loser()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        // Staggered starts so that each side wins some rounds; which one wins a round is not asserted.
        for (var round = 0; round < 8; round++)
        {
            await ci.OkAsync(work, "fetch", "origin");
            await ci.OkAsync(work, "reset", "--hard", "origin/main");
            var parent = await ci.HeadAsync(work);
            await File.WriteAllTextAsync(Path.Combine(work, $"pushed-{round}.txt"), $"round {round}\n");
            await ci.OkAsync(work, "add", ".");
            await ci.OkAsync(work, "commit", "-m", $"Push of round {round}");
            var pushedCommit = await ci.HeadAsync(work);

            var push = ci.RunAsync(work, "push", "origin", "main");
            var http = Task.Run(async () =>
            {
                await Task.Delay(TimeSpan.FromMilliseconds(round * 12));
                return await HubApi.CommitAsync(client, repo.FullName, $"HTTP commit of round {round}",
                    [HubApi.File($"http-{round}.txt", Encoding.UTF8.GetBytes($"round {round}\n"))], parent: parent);
            });
            var (pushCode, pushOutput) = await push;
            var response = await http;
            var httpBody = await response.Content.ReadAsStringAsync();

            var pushWon = pushCode == 0;
            var httpWon = response.StatusCode == HttpStatusCode.OK;
            var context = string.Create(CultureInfo.InvariantCulture, $"round {round}: push exit {pushCode}\n{pushOutput}\nHTTP {(int)response.StatusCode} {httpBody}");
            Assert.True(pushWon || httpWon, context);
            if (!pushWon) Assert.Contains("rejected", pushOutput, StringComparison.Ordinal);
            if (!httpWon) Assert.Equal(HttpStatusCode.PreconditionFailed, response.StatusCode);

            await ci.OkAsync(work, "fetch", "origin");
            Assert.Equal(await repo.HeadAsync(), await ci.HeadAsync(work, "origin/main"));
            if (pushWon) await AssertInHistoryAsync(ci, work, pushedCommit, context);
            if (httpWon) await AssertInHistoryAsync(ci, work, JsonNode.Parse(httpBody)!["commitOid"]!.GetValue<string>(), context);
            await repo.AssertFsckCleanAsync();
        }
    }

    private static async Task AssertInHistoryAsync(GitCli git, string work, string commit, string context)
    {
        var (code, _) = await git.RunAsync(work, "merge-base", "--is-ancestor", commit, "origin/main");
        Assert.True(code == 0, $"{commit} is not in the history of main ({context})");
    }
}
