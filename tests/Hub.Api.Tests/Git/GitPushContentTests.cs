using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>What a pushed range contains, beyond its tip: history, pointers, many commits, objects the hub already holds.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitPushContentTests(ProductionHub hub)
{
    [Fact]
    public async Task A_20MB_file_in_an_older_commit_of_the_pushed_range_is_refused_though_the_tip_no_longer_has_it()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await TestFiles.WriteRandomAsync(Path.Combine(work, "checkpoints", "step-100.bin"), 20L * 1024 * 1024);
        await ci.OkAsync(work, "add", "checkpoints/step-100.bin");
        await ci.OkAsync(work, "commit", "-m", "Add a checkpoint");
        await ci.OkAsync(work, "rm", "-q", "checkpoints/step-100.bin");
        await ci.OkAsync(work, "commit", "-m", "Remove it again");
        await GitRefUpdateTests.CommitFileAsync(ci, work, "notes.txt", "tip\n");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("checkpoints/step-100.bin is 20 MB", push.Output, StringComparison.Ordinal);
        Assert.Contains("git lfs migrate import", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, await repo.RefsAsync());
    }

    [Fact]
    public async Task A_file_that_starts_like_an_lfs_pointer_but_is_malformed_is_refused_naming_it()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        // An upper-case oid and no size line: git-lfs would not read this as a pointer, clients would download these bytes as the file.
        var oid = HubApi.Sha256(Guid.NewGuid().ToByteArray()).ToUpperInvariant();
        await GitRefUpdateTests.CommitFileAsync(ci, work, "model.safetensors", $"version https://git-lfs.github.com/spec/v1\noid sha256:{oid}\n");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Contains("model.safetensors", push.Output, StringComparison.Ordinal);
        Assert.Contains("not a valid git-lfs pointer", push.Output, StringComparison.Ordinal);
        Assert.Equal(before, await repo.RefsAsync());
    }

    [Fact]
    public async Task A_push_of_200_commits_lands_with_every_commit_in_the_api_history()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await ci.ShellOkAsync(work, "for i in $(seq 1 200); do echo \"step $i\" > metrics-$((i % 20)).txt; git add -A; git commit -qm \"Step $i\"; done");

        await ci.OkAsync(work, "push", "origin", "main");

        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());
        var commits = await hub.Client(token).GetAsync($"{repo.ApiPath}/commits/main?limit=1");
        Assert.Equal("201", commits.Headers.GetValues("X-Total-Count").Single());
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task A_pack_larger_than_the_servers_default_body_limit_lands_when_every_file_is_under_10MB()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        // Four 9 MB files (incompressible): a 36 MB pack, over Kestrel's default 30 MB request body limit.
        for (var i = 0; i < 4; i++) await TestFiles.WriteRandomAsync(Path.Combine(work, "shards", $"part-{i}.txt"), 9L * 1024 * 1024);
        await ci.OkAsync(work, "add", "shards");
        await ci.OkAsync(work, "commit", "-m", "Add shards");

        await ci.OkAsync(work, "push", "origin", "main");

        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());
        var tree = (await hub.Client(token).GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/tree/main/shards"))!;
        Assert.Equal(4, tree.Count);
    }

    [Fact]
    public async Task Lfs_objects_the_repo_already_holds_are_not_uploaded_again()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(repo.Url());
        await ci.OkAsync(work, "lfs", "track", "*.safetensors");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "model.safetensors"), 1024 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add weights");
        var trace = new Dictionary<string, string> { ["GIT_TRACE"] = "1" };
        var first = await ci.RunAsync(work, trace, "push", "origin", "main");
        Assert.True(first.ExitCode == 0, first.Output);
        Assert.Contains("HTTP: PUT", first.Output, StringComparison.Ordinal);

        var batch = new StringContent(
            $$"""{"operation":"upload","transfers":["basic"],"objects":[{"oid":"{{sha}}","size":{{1024 * 1024}}}],"hash_algo":"sha256"}""",
            Encoding.UTF8, "application/vnd.git-lfs+json");
        var answer = await hub.Client(token).PostAsync($"{repo.FullName}.git/info/lfs/objects/batch", batch);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var entry = (await answer.Content.ReadFromJsonAsync<JsonObject>())!["objects"]![0]!;
        Assert.Null(entry["actions"]);
        Assert.Null(entry["error"]);

        // A copy of the same weights on a new branch: git-lfs asks, is told the hub has it, and sends no bytes.
        await ci.OkAsync(work, "checkout", "-q", "-b", "copy");
        File.Copy(Path.Combine(work, "model.safetensors"), Path.Combine(work, "copy.safetensors"));
        await ci.OkAsync(work, "add", "copy.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Copy the weights");
        var (code, output) = await ci.RunAsync(work, trace, "push", "origin", "copy");
        Assert.True(code == 0, output);
        Assert.DoesNotContain("HTTP: PUT", output, StringComparison.Ordinal);
        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync("copy"));
    }
}
