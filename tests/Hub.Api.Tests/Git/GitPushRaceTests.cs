using System.Globalization;
using System.Net;
using System.Net.Http.Json;
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

    [Fact]
    public async Task Two_ci_jobs_pushing_to_main_at_once_land_one_and_the_audit_log_records_only_that_one()
    {
        var (name, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var first = await GitCli.CreateAsync(token);
        using var second = await GitCli.CreateAsync(token);
        var jobs = new[] { (Git: first, Work: await first.CloneAsync(repo.Url())), (Git: second, Work: await second.CloneAsync(repo.Url())) };
        const int rounds = 5;
        for (var round = 0; round < rounds; round++)
        {
            var commits = new List<string>();
            foreach (var (git, work) in jobs)
            {
                await git.OkAsync(work, "fetch", "origin");
                await git.OkAsync(work, "reset", "--hard", "origin/main");
                await File.WriteAllTextAsync(Path.Combine(work, $"job-{commits.Count}.txt"), $"round {round}\n");
                await git.OkAsync(work, "add", ".");
                await git.OkAsync(work, "commit", "-m", $"Job {commits.Count} round {round}");
                commits.Add(await git.HeadAsync(work));
            }

            var results = await Task.WhenAll(jobs.Select(j => j.Git.RunAsync(j.Work, "push", "origin", "main")));

            var context = string.Join("\n", results.Select(r => $"exit {r.ExitCode}: {r.Output}"));
            Assert.True(results.Count(r => r.ExitCode == 0) == 1, context);
            Assert.Contains("rejected", results.Single(r => r.ExitCode != 0).Output, StringComparison.Ordinal);
            Assert.Equal(commits[Array.FindIndex(results, r => r.ExitCode == 0)], await repo.HeadAsync());
            await repo.AssertFsckCleanAsync();
        }

        var landed = (await hub.Client(hub.AdminToken).GetFromJsonAsync<JsonArray>($"api/admin/audit?actor={name}&limit=100"))!
            .Count(e => e!["target"]?.GetValue<string>() == $"model:{repo.FullName}" && e["action"]!.GetValue<string>() == "repo.push");
        Assert.Equal(rounds, landed);
    }

    private static async Task AssertInHistoryAsync(GitCli git, string work, string commit, string context)
    {
        var (code, _) = await git.RunAsync(work, "merge-base", "--is-ancestor", commit, "origin/main");
        Assert.True(code == 0, $"{commit} is not in the history of main ({context})");
    }
}
