using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>Clone and fetch as git's users do it: anonymous or with a token, shallow, partial, every protocol version, every URL form.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitCloneTests(ProductionHub hub)
{
    private static readonly byte[] Weights = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("an lfs file ", 200)));

    /// <summary>A model with an LFS file and three commits made over the HTTP API (history.txt changes in each), and its owner's token.</summary>
    private async Task<(HubRepo Repo, string Token, string Head)> RepoWithHistoryAsync(bool isPrivate = false)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: isPrivate);
        await HubApi.UploadLfsAsync(hub.Client(token), repo.FullName, Weights);
        var head = await HubApi.CommitOkAsync(hub.Client(token), repo.FullName, "Add weights", HubApi.LfsFile("weights.bin", Weights));
        for (var i = 1; i <= 3; i++)
            head = await HubApi.CommitOkAsync(hub.Client(token), repo.FullName, $"Commit {i}",
                HubApi.File($"file{i}.txt", Encoding.UTF8.GetBytes($"content {i}\n")), HubApi.File("history.txt", Encoding.UTF8.GetBytes($"version {i}\n")));
        return (repo, token, head);
    }

    [Fact]
    public async Task Anonymous_clone_of_a_public_repo_works_and_of_a_private_one_fails()
    {
        var (publicRepo, _, publicHead) = await RepoWithHistoryAsync();
        var (privateRepo, ownerToken, privateHead) = await RepoWithHistoryAsync(isPrivate: true);
        using var anonymous = await GitCli.CreateAsync(null);

        var clone = await anonymous.CloneWithLfsAsync(publicRepo.Url());
        Assert.Equal(publicHead, await anonymous.HeadAsync(clone));
        Assert.Equal("content 3\n", await File.ReadAllTextAsync(Path.Combine(clone, "file3.txt")));
        await anonymous.OkAsync(clone, "lfs", "pull");
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(clone, "weights.bin")));

        var refused = await anonymous.RunAsync(anonymous.Home, "clone", privateRepo.Url(), anonymous.NewFolder("private"));
        Assert.NotEqual(0, refused.ExitCode);
        Assert.Contains("could not read Username", refused.Output, StringComparison.Ordinal);

        using var owner = await GitCli.CreateAsync(ownerToken);
        Assert.Equal(privateHead, await owner.HeadAsync(await owner.CloneAsync(privateRepo.Url())));
    }

    [Fact]
    public async Task Shallow_clone_has_one_commit_and_partial_clone_fetches_blobs_on_checkout()
    {
        var (repo, token, head) = await RepoWithHistoryAsync();
        using var git = await GitCli.CreateAsync(token);

        var shallow = await git.CloneAsync(repo.Url(), "--depth", "1");
        Assert.Equal(head, await git.HeadAsync(shallow));
        Assert.Equal("1", (await git.OkAsync(shallow, "rev-list", "--count", "HEAD")).Trim());
        Assert.Equal("true", (await git.OkAsync(shallow, "rev-parse", "--is-shallow-repository")).Trim());
        await git.OkAsync(shallow, "fetch", "--unshallow");
        Assert.Equal("5", (await git.OkAsync(shallow, "rev-list", "--count", "HEAD")).Trim());

        foreach (var version in new[] { "2", "0" })
        {
            var partial = git.NewFolder("partial-v" + version);
            await git.OkAsync(git.Home, "-c", "protocol.version=" + version, "clone", "--filter=blob:none", repo.Url(), partial);
            Assert.Equal("true", (await git.OkAsync(partial, "config", "remote.origin.promisor")).Trim());
            Assert.Equal("content 1\n", await File.ReadAllTextAsync(Path.Combine(partial, "file1.txt")));
            // Blobs of older commits are not there until asked for; asking fetches them from the hub.
            var missing = await git.OkAsync(partial, "rev-list", "--objects", "--all", "--missing=print");
            Assert.Contains("?", missing, StringComparison.Ordinal);
            await git.OkAsync(partial, "-c", "protocol.version=" + version, "log", "-p", "--all");
            Assert.DoesNotContain("?", await git.OkAsync(partial, "rev-list", "--objects", "--all", "--missing=print"), StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("2")]
    public async Task Every_protocol_version_clones_and_fetches(string version)
    {
        var (repo, token, head) = await RepoWithHistoryAsync();
        using var git = await GitCli.CreateAsync(token);
        var target = git.NewFolder("v" + version);
        var trace = new Dictionary<string, string> { ["GIT_TRACE_PACKET"] = "1" };

        var (code, output) = await git.RunAsync(git.Home, trace, "-c", "protocol.version=" + version, "clone", repo.Url(), target);

        Assert.True(code == 0, output);
        Assert.Equal(head, await git.HeadAsync(target));
        if (version == "2") Assert.Contains("< version 2", output, StringComparison.Ordinal);
        else Assert.DoesNotContain("< version 2", output, StringComparison.Ordinal);
        var next = await HubApi.CommitOkAsync(hub.Client(token), repo.FullName, "One more", HubApi.File("more.txt", "more\n"u8.ToArray()));
        await git.OkAsync(target, "-c", "protocol.version=" + version, "pull", "origin", "main");
        Assert.Equal(next, await git.HeadAsync(target));
    }

    [Fact]
    public async Task Dataset_urls_with_and_without_dot_git_clone_and_push_lfs_files()
    {
        var (_, token) = await hub.CreateUserAsync();
        var dataset = await HubRepo.CreateAsync(hub, token, type: "dataset");
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(dataset.Url(dotGit: true));
        await ci.OkAsync(work, "lfs", "track", "*.parquet");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "data", "train.parquet"), 256 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "data/train.parquet");
        await ci.OkAsync(work, "commit", "-m", "Add training data");
        await ci.OkAsync(work, "push", "origin", "main");
        Assert.Equal(await ci.HeadAsync(work), await dataset.HeadAsync());

        using var reader = await GitCli.CreateAsync(token);
        var copy = await reader.CloneWithLfsAsync(dataset.Url());
        await reader.OkAsync(copy, "lfs", "pull");
        Assert.Equal(sha, await TestFiles.Sha256Async(Path.Combine(copy, "data", "train.parquet")));
        // A model URL with the same name is another repository: it does not exist.
        var model = await reader.RunAsync(reader.Home, "ls-remote", $"{hub.Url}/{dataset.FullName}");
        Assert.NotEqual(0, model.ExitCode);
    }

    [Fact]
    public async Task Renamed_repo_still_clones_and_takes_lfs_pushes_at_its_old_url()
    {
        var (repo, token, head) = await RepoWithHistoryAsync();
        var newName = repo.FullName + "-renamed";
        var moved = await hub.Client(token).PostAsJsonAsync("api/repos/move", new { fromRepo = repo.FullName, toRepo = newName, type = "model" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        using var git = await GitCli.CreateAsync(token);

        var clone = await git.CloneWithLfsAsync(repo.Url());
        Assert.Equal(head, await git.HeadAsync(clone));
        await git.OkAsync(clone, "lfs", "pull");
        Assert.Equal(Weights, await File.ReadAllBytesAsync(Path.Combine(clone, "weights.bin")));
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(clone, "more.safetensors"), 64 * 1024);
        await git.OkAsync(clone, "add", "more.safetensors");
        await git.OkAsync(clone, "commit", "-m", "Push to the old name");
        await git.OkAsync(clone, "push", "origin", "main");

        var renamed = repo with { FullName = newName };
        Assert.Equal(await git.HeadAsync(clone), await renamed.HeadAsync());
        var tree = (await hub.Client(token).GetFromJsonAsync<JsonArray>($"{renamed.ApiPath}/tree/main"))!;
        Assert.Equal(sha, tree.Single(e => e!["path"]!.GetValue<string>() == "more.safetensors")!["lfs"]!["oid"]!.GetValue<string>());
    }

    [Fact]
    public async Task Gzip_request_bodies_are_decompressed_and_the_dumb_protocol_is_refused()
    {
        var (repo, _, head) = await RepoWithHistoryAsync();
        var want = $"want {head}\n";
        var request = Encoding.ASCII.GetBytes($"{want.Length + 4:x4}{want}00000009done\n");
        using var gzipped = new MemoryStream();
        await using (var gzip = new GZipStream(gzipped, CompressionLevel.Fastest, leaveOpen: true)) await gzip.WriteAsync(request);
        var content = new ByteArrayContent(gzipped.ToArray());
        content.Headers.ContentType = new("application/x-git-upload-pack-request");
        content.Headers.ContentEncoding.Add("gzip");

        var response = await hub.Client().PostAsync(repo.Url() + "/git-upload-pack", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/x-git-upload-pack-result", response.Content.Headers.ContentType!.MediaType);
        var body = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("0008NAK\nPACK", Encoding.ASCII.GetString(body, 0, Math.Min(body.Length, 12)), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await hub.Client().GetAsync(repo.Url() + "/info/refs")).StatusCode);
    }
}
