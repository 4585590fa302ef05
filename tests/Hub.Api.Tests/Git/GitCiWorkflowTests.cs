using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>How CI systems check out and push: shallow or partial clones, a Bearer header instead of a credential helper.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitCiWorkflowTests(ProductionHub hub)
{
    [Theory]
    [InlineData("--depth=1")]
    [InlineData("--filter=blob:none")]
    public async Task A_shallow_or_partial_checkout_pushes_new_commits_with_lfs_files(string cloneOption)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        for (var i = 0; i < 3; i++) await HubApi.CommitOkAsync(client, repo.FullName, $"Commit {i}", HubApi.File($"f{i}.txt", [(byte)('a' + i)]));
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url(), cloneOption);
        await ci.OkAsync(work, "lfs", "install", "--local");
        await ci.OkAsync(work, "lfs", "track", "*.safetensors");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "model.safetensors"), 128 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Train");

        await ci.OkAsync(work, "push", "origin", "main");

        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());
        var tree = (await client.GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/tree/main"))!;
        Assert.Equal(sha, tree.Single(e => e!["path"]!.GetValue<string>() == "model.safetensors")!["lfs"]!["oid"]!.GetValue<string>());
        Assert.Equal(5, int.Parse((await client.GetAsync($"{repo.ApiPath}/commits/main")).Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture));
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task A_bearer_token_in_http_extraheader_clones_and_pushes_private_lfs_files_without_a_credential_helper()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: true);
        using var ci = await GitCli.CreateAsync(null);
        var header = "http.extraHeader=Authorization: Bearer " + token;
        var work = ci.NewFolder("bearer");
        await ci.OkAsync(ci.Home, "-c", header, "clone", repo.Url(), work);
        await ci.OkAsync(work, "config", "http.extraHeader", "Authorization: Bearer " + token);
        await ci.OkAsync(work, "lfs", "install", "--local");
        await ci.OkAsync(work, "lfs", "track", "*.bin");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "weights.bin"), 64 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "weights.bin");
        await ci.OkAsync(work, "commit", "-m", "Add weights");

        var push = await ci.OkAsync(work, "push", "origin", "main");

        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());
        Assert.DoesNotContain("ocking", push, StringComparison.Ordinal); // locks/verify answered as git-lfs expects
        // The private weights come back through the batch API with the credential helper's token too.
        using var reader = await GitCli.CreateAsync(token);
        var copy = await reader.CloneWithLfsAsync(repo.Url());
        await reader.OkAsync(copy, "lfs", "pull");
        Assert.Equal(sha, await TestFiles.Sha256Async(Path.Combine(copy, "weights.bin")));
    }

    [Fact]
    public async Task A_pushed_readme_shows_in_the_repo_list_and_its_tag_filter_at_once()
    {
        var (user, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var client = hub.Client(token);
        var tag = "t" + Guid.NewGuid().ToString("N")[..10];
        var list = $"api/models?author={user}&full=true";
        Assert.Single((await client.GetFromJsonAsync<JsonArray>(list))!); // read once, so a cached page would be stale
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await GitRefUpdateTests.CommitFileAsync(ci, work, "README.md", $"---\ntags:\n- {tag}\n---\n# Card\n");

        await ci.OkAsync(work, "push", "origin", "main");

        var listed = Assert.Single((await client.GetFromJsonAsync<JsonArray>(list))!)!;
        Assert.Equal(await ci.HeadAsync(work), listed["sha"]!.GetValue<string>());
        var tagged = (await client.GetFromJsonAsync<JsonArray>($"api/models?filter={tag}"))!;
        Assert.Equal(repo.FullName, Assert.Single(tagged)!["id"]!.GetValue<string>());
    }
}
