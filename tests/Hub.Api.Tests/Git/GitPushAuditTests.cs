using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Git;

/// <summary>Pushes are security-relevant: the audit log records who pushed which refs, and who was refused and why.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitPushAuditTests(ProductionHub hub)
{
    [Fact]
    public async Task Landed_and_refused_pushes_are_in_the_audit_log_with_pusher_refs_and_reasons()
    {
        var (name, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "pushed by CI\n");
        await ci.OkAsync(work, "add", "notes.txt");
        await ci.OkAsync(work, "commit", "-m", "Add notes");
        await ci.OkAsync(work, "push", "origin", "main");
        var landed = (await ci.OkAsync(work, "rev-parse", "HEAD")).Trim();

        var oid = HubApi.Sha256(Guid.NewGuid().ToByteArray());
        await File.WriteAllTextAsync(Path.Combine(work, "model.safetensors"), TestFiles.LfsPointerText(oid, 4_096));
        await ci.OkAsync(work, "add", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add a pointer without its object");
        var (refusedExit, _) = await ci.RunAsync(work, "push", "origin", "main");
        Assert.NotEqual(0, refusedExit);

        var admin = hub.Client(hub.AdminToken);
        var entries = (await admin.GetFromJsonAsync<JsonArray>($"api/admin/audit?actor={name}&limit=100"))!
            .Where(e => e!["target"]?.GetValue<string>() == $"model:{repo.FullName}").ToList();
        var push = Assert.Single(entries, e => e!["action"]!.GetValue<string>() == "repo.push");
        Assert.Contains($"{landed} refs/heads/main", push!["details"]!.GetValue<string>(), StringComparison.Ordinal);
        var refused = Assert.Single(entries, e => e!["action"]!.GetValue<string>() == "repo.push_refused");
        Assert.Contains("refs/heads/main", refused!["details"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(oid, refused["details"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_push_that_passes_the_check_but_git_cannot_apply_is_audited_as_refused_not_landed()
    {
        var (name, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await GitRefUpdateTests.CommitFileAsync(ci, work, "notes.txt", "never lands\n");
        var commit = await ci.HeadAsync(work);
        // Another writer holds the ref (as the losing side of a race with an HTTP commit sees it): git refuses the update after the check said yes.
        var lockFile = Path.Combine(hub.Services.GetRequiredService<IGitRepositoryStore>().GetPath(await repo.IdAsync()), "refs", "heads", "main.lock");
        await File.WriteAllTextAsync(lockFile, "");
        var before = await repo.RefsAsync();
        try
        {
            var (exit, output) = await ci.RunAsync(work, "push", "origin", "main");
            Assert.True(exit != 0, output);
        }
        finally
        {
            File.Delete(lockFile);
        }

        Assert.Equal(before, await repo.RefsAsync());
        var entries = (await hub.Client(hub.AdminToken).GetFromJsonAsync<JsonArray>($"api/admin/audit?actor={name}&limit=100"))!
            .Where(e => e!["target"]?.GetValue<string>() == $"model:{repo.FullName}").ToList();
        Assert.DoesNotContain(entries, e => e!["action"]!.GetValue<string>() == "repo.push");
        var refused = Assert.Single(entries, e => e!["action"]!.GetValue<string>() == "repo.push_refused");
        Assert.Contains($"{commit} refs/heads/main", refused!["details"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
