using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Api.Tests.Git;

/// <summary>git + git-lfs against the hub on PostgreSQL + Ceph RGW, the way CI pushes models, and the HTTP API agreeing.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitLfsRoundTripTests(ProductionHub hub)
{
    private const long WeightsSize = 50L * 1024 * 1024;

    [Fact]
    public async Task Pushed_lfs_weights_clone_back_identical_and_resolve_serves_them_from_the_pushed_commit()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(repo.Url());
        await ci.OkAsync(work, "lfs", "track", "*.safetensors");
        await File.WriteAllTextAsync(Path.Combine(work, "README.md"), "# Weights pushed by CI\n");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "model.safetensors"), WeightsSize);
        await ci.OkAsync(work, "add", ".gitattributes", "README.md", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add weights");
        var push = await ci.OkAsync(work, "push", "origin", "main");
        Assert.DoesNotContain("ocking", push, StringComparison.Ordinal); // no "Locking support detected" nor "does not support the locking API"
        var pushed = await ci.HeadAsync(work);
        Assert.Equal(pushed, await repo.HeadAsync());

        using var reader = await GitCli.CreateAsync(token);
        var copy = await reader.CloneWithLfsAsync(repo.Url());
        Assert.StartsWith("version https://git-lfs", await File.ReadAllTextAsync(Path.Combine(copy, "model.safetensors")), StringComparison.Ordinal);
        await reader.OkAsync(copy, "lfs", "pull");
        Assert.Equal(sha, await TestFiles.Sha256Async(Path.Combine(copy, "model.safetensors")));
        Assert.Equal(pushed, await reader.HeadAsync(copy));

        var client = hub.Client(token);
        var tree = (await client.GetFromJsonAsync<JsonArray>($"{repo.ApiPath}/tree/main"))!;
        var weights = tree.Single(e => e!["path"]!.GetValue<string>() == "model.safetensors")!;
        Assert.Equal(sha, weights["lfs"]!["oid"]!.GetValue<string>());
        Assert.Equal(WeightsSize, weights["lfs"]!["size"]!.GetValue<long>());
        Assert.Contains(tree, e => e!["path"]!.GetValue<string>() == "README.md");
        var info = await repo.InfoAsync(token);
        Assert.Equal(pushed, info["sha"]!.GetValue<string>());

        var resolve = await client.GetAsync(repo.ResolvePath("model.safetensors"));
        Assert.Equal(HttpStatusCode.Found, resolve.StatusCode);
        Assert.Equal(pushed, resolve.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal(WeightsSize.ToString(CultureInfo.InvariantCulture), resolve.Headers.GetValues("X-Linked-Size").Single());
        Assert.Equal($"\"{sha}\"", resolve.Headers.GetValues("X-Linked-Etag").Single());
        Assert.Equal($"\"{sha}\"", resolve.Headers.ETag!.Tag);
        Assert.DoesNotMatch("[ \"]", resolve.Headers.Location!.OriginalString); // a valid Location, as strict clients need
        // curl follows the redirect to the presigned URL (and drops the token on the way, as S3 requires).
        var downloaded = Path.Combine(reader.NewFolder("curl"), "model.safetensors");
        var (curl, curlOutput) = await ProcessRunner.RunAsync("curl",
            ["-sS", "-f", "-L", "-H", "Authorization: Bearer " + token, "-o", downloaded, $"{hub.Url}/{repo.ResolvePath("model.safetensors")}"], reader.Home);
        Assert.True(curl == 0, curlOutput);
        Assert.Equal(sha, await TestFiles.Sha256Async(downloaded));

        var readme = await client.GetAsync(repo.ResolvePath("README.md"));
        Assert.Equal(HttpStatusCode.OK, readme.StatusCode);
        Assert.Equal(pushed, readme.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal("# Weights pushed by CI\n", await readme.Content.ReadAsStringAsync());
        await repo.AssertFsckCleanAsync();
    }

    [Fact]
    public async Task Files_committed_over_http_including_lfs_ones_arrive_with_git_pull()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(repo.Url());

        var weights = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("weights over http ", 100)));
        await HubApi.UploadLfsAsync(hub.Client(token), repo.FullName, weights);
        var commit = await HubApi.CommitOkAsync(hub.Client(token), repo.FullName, "Add files over HTTP",
            HubApi.File("notes.txt", Encoding.UTF8.GetBytes("written by the API\n")), HubApi.LfsFile("model.bin", weights));

        await ci.OkAsync(work, "pull", "origin", "main");
        Assert.Equal(commit, await ci.HeadAsync(work));
        Assert.Equal("written by the API\n", await File.ReadAllTextAsync(Path.Combine(work, "notes.txt")));
        Assert.Equal(weights, await File.ReadAllBytesAsync(Path.Combine(work, "model.bin")));
    }

    [Fact]
    public async Task Accepted_push_reindexes_sha_last_modified_and_card_data_like_an_http_commit()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        var before = await repo.InfoAsync(token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllTextAsync(Path.Combine(work, "README.md"), "---\nlicense: apache-2.0\npipeline_tag: text-classification\ntags:\n- pushed-by-git\n---\n# Card\n");
        await ci.OkAsync(work, "add", "README.md");
        var date = new Dictionary<string, string> { ["GIT_COMMITTER_DATE"] = "2021-06-01T12:00:00Z", ["GIT_AUTHOR_DATE"] = "2021-06-01T12:00:00Z" };
        var (code, output) = await ci.RunAsync(work, date, "commit", "-m", "Add a model card");
        Assert.True(code == 0, output);
        await ci.OkAsync(work, "push", "origin", "main");
        var pushed = await ci.HeadAsync(work);

        var info = await repo.InfoAsync(token);
        Assert.NotEqual(before["sha"]!.GetValue<string>(), pushed);
        Assert.Equal(pushed, info["sha"]!.GetValue<string>());
        Assert.Equal("2021-06-01T12:00:00.000Z", info["lastModified"]!.GetValue<string>());
        Assert.Null(before["cardData"]);
        Assert.Equal("apache-2.0", info["cardData"]!["license"]!.GetValue<string>());
        Assert.Equal("text-classification", info["pipeline_tag"]!.GetValue<string>());
        Assert.Contains(info["tags"]!.AsArray(), t => t!.GetValue<string>() == "pushed-by-git");
    }
}
