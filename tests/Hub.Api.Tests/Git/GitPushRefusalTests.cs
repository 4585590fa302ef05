using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Git;

/// <summary>Pushes the hub refuses: each with a reason git shows its user, and the repository exactly as before.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitPushRefusalTests(ProductionHub hub)
{
    [Fact]
    public async Task Push_of_a_20MB_file_outside_lfs_is_refused_with_a_git_lfs_command_that_works_as_pasted()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await TestFiles.WriteRandomAsync(Path.Combine(work, "data", "big.bin"), 20L * 1024 * 1024);
        await ci.OkAsync(work, "add", "data/big.bin");
        await ci.OkAsync(work, "commit", "-m", "Add a big file without git-lfs");
        var blob = (await ci.OkAsync(work, "rev-parse", "HEAD:data/big.bin")).Trim();
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        await AssertRefusedAsync(repo, before, push, "data/big.bin", "git-lfs");
        Assert.DoesNotContain("curl", push.Output, StringComparison.Ordinal);
        await using (var leftOver = await hub.Services.GetRequiredService<IGitRepositoryStore>().OpenBlobAsync(await repo.IdAsync(), blob, CancellationToken.None))
            Assert.Null(leftOver); // the quarantined pack was dropped

        // The CI engineer pastes the command the refusal gives, and pushes again. The file is touched as later work does:
        // git then reads it again, and once git-lfs is installed the repo's .gitattributes (*.bin to LFS) shows it modified.
        await ci.ShellOkAsync(work, "sleep 1 && touch data/big.bin");
        var command = push.Output.Split('`')[1];
        Assert.StartsWith("git lfs", command, StringComparison.Ordinal);
        await ci.ShellOkAsync(work, command);
        await ci.OkAsync(work, "push", "origin", "main");
        Assert.Equal("", await ci.OkAsync(work, "status", "--porcelain"));
        Assert.Equal(20L * 1024 * 1024, new FileInfo(Path.Combine(work, "data", "big.bin")).Length);
        var tree = (await hub.Client(token).GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/tree/main/data"))!;
        Assert.Equal(20L * 1024 * 1024, Assert.Single(tree)!["lfs"]!["size"]!.GetValue<long>());
    }

    [Fact]
    public async Task Push_of_an_lfs_pointer_to_an_object_the_hub_does_not_hold_is_refused()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        // No `git lfs install` in this clone: the pointer is committed as written and no LFS upload happens on push.
        var work = await ci.CloneAsync(repo.Url());
        var oid = HubApi.Sha256(Guid.NewGuid().ToByteArray());
        await File.WriteAllTextAsync(Path.Combine(work, "model.safetensors"), TestFiles.LfsPointerText(oid, 123_456_789));
        await ci.OkAsync(work, "add", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add a pointer without its object");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        await AssertRefusedAsync(repo, before, push, "model.safetensors", oid, "git lfs push --all origin");
    }

    [Fact]
    public async Task Push_without_the_git_lfs_hook_is_refused_with_a_command_that_uploads_the_objects_as_pasted()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.OkAsync(work, "lfs", "install", "--local");
        await ci.OkAsync(work, "lfs", "track", "*.safetensors");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "model.safetensors"), 256 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add weights");
        var before = await repo.RefsAsync();

        // No pre-push hook runs (another tool set core.hooksPath, or the hook was never installed): no object is sent.
        await ci.OkAsync(work, "config", "core.hooksPath", ci.NewFolder("other-hooks"));

        var push = await ci.RunAsync(work, "push", "origin", "main");

        await AssertRefusedAsync(repo, before, push, "model.safetensors", sha);
        var command = push.Output.Split('`')[1];
        Assert.StartsWith("git lfs", command, StringComparison.Ordinal);
        await ci.ShellOkAsync(work, command);
        await ci.OkAsync(work, "push", "origin", "main");
        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());
    }

    [Fact]
    public async Task Push_with_a_read_token_is_refused_though_it_may_clone()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: true);
        var created = await hub.Client(token).PostAsJsonAsync("api/settings/tokens", new { displayName = "ci read", role = "read" });
        var readToken = (await created.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var ci = await GitCli.CreateAsync(readToken);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "no\n");
        await ci.OkAsync(work, "add", "notes.txt");
        await ci.OkAsync(work, "commit", "-m", "Try with a read token");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        await AssertRefusedAsync(repo, before, push, "read token", "403");
    }

    [Fact]
    public async Task Anonymous_push_is_challenged_for_credentials_and_fails()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var challenge = await hub.Client().GetAsync(repo.Url() + "/info/refs?service=git-receive-pack");
        Assert.Equal(HttpStatusCode.Unauthorized, challenge.StatusCode);
        Assert.Equal("Basic", challenge.Headers.WwwAuthenticate.Single().Scheme);
        using var anonymous = await GitCli.CreateAsync(null);
        var work = await anonymous.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "anonymous\n");
        await anonymous.OkAsync(work, "add", "notes.txt");
        await anonymous.OkAsync(work, "commit", "-m", "Anonymous change");
        var before = await repo.RefsAsync();

        var push = await anonymous.RunAsync(work, "push", "origin", "main");

        await AssertRefusedAsync(repo, before, push, "could not read Username");
    }

    [Fact]
    public async Task Push_to_a_private_repo_by_a_non_member_reads_as_not_found()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: true);
        var (_, strangerToken) = await hub.CreateUserAsync();
        using var stranger = await GitCli.CreateAsync(strangerToken);
        var work = stranger.NewFolder("own");
        await stranger.OkAsync(work, "init", "-b", "main");
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "intruder\n");
        await stranger.OkAsync(work, "add", "notes.txt");
        await stranger.OkAsync(work, "commit", "-m", "Intrude");
        var before = await repo.RefsAsync();

        var push = await stranger.RunAsync(work, "push", repo.Url(), "main");
        var missing = await stranger.RunAsync(work, "push", $"{hub.Url}/{repo.FullName}-nothing-here", "main");

        await AssertRefusedAsync(repo, before, push, "Repository not found", "not found");
        Assert.Equal(
            missing.Output.Replace(repo.FullName + "-nothing-here", "REPO", StringComparison.Ordinal),
            push.Output.Replace(repo.FullName, "REPO", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Pull_request_refs_by_non_admins_and_deleting_the_default_branch_are_refused()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var (member, memberToken) = await hub.CreateUserAsync();
        var org = "o" + Guid.NewGuid().ToString("N")[..10];
        var admin = hub.Client(ownerToken);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync("api/organizations/new", new { name = org })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PutAsJsonAsync($"api/organizations/{org}/members", new { user = member, role = "write" })).StatusCode);
        var repo = await HubRepo.CreateAsync(hub, ownerToken, organization: org);
        using var ci = await GitCli.CreateAsync(memberToken);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "notes.txt"), "a change\n");
        await ci.OkAsync(work, "add", "notes.txt");
        await ci.OkAsync(work, "commit", "-m", "A proposal");
        var before = await repo.RefsAsync();

        await AssertRefusedAsync(repo, before, await ci.RunAsync(work, "push", "origin", "HEAD:refs/pr/1"), "refs/pr/1", "pull request refs");
        await AssertRefusedAsync(repo, before, await ci.RunAsync(work, "push", "origin", ":main"), "default branch cannot be deleted");
        await ci.OkAsync(work, "push", "origin", "HEAD:refs/heads/proposal");
        Assert.NotEqual(before, await repo.RefsAsync());
    }

    private static async Task AssertRefusedAsync(HubRepo repo, string refsBefore, (int ExitCode, string Output) push, params string[] reasons)
    {
        Assert.True(push.ExitCode != 0, "the push was accepted:\n" + push.Output);
        foreach (var reason in reasons) Assert.Contains(reason, push.Output, StringComparison.Ordinal);
        Assert.Equal(refsBefore, await repo.RefsAsync());
        await repo.AssertFsckCleanAsync();
    }
}
