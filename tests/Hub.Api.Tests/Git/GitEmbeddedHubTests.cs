using System.Net;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>
/// git + git-lfs against the embedded defaults a newcomer gets from <c>dotnet run</c> (SQLite, filesystem blobs): LFS
/// bytes then travel through the hub's own signed URLs instead of presigned S3 ones.
/// </summary>
[Collection(EmbeddedHubCollection.Name)]
public sealed class GitEmbeddedHubTests(EmbeddedHub hub)
{
    [Fact]
    public async Task Lfs_push_and_pull_go_through_the_hubs_signed_urls_and_resolve_streams_the_file()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(repo.Url());
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "model.safetensors"), 3 * 1024 * 1024);
        await ci.OkAsync(work, "add", "model.safetensors");
        await ci.OkAsync(work, "commit", "-m", "Add weights");
        await ci.OkAsync(work, "push", "origin", "main");
        var pushed = await ci.HeadAsync(work);

        using var reader = await GitCli.CreateAsync(token);
        var copy = await reader.CloneWithLfsAsync(repo.Url());
        await reader.OkAsync(copy, "lfs", "pull");
        Assert.Equal(sha, await TestFiles.Sha256Async(Path.Combine(copy, "model.safetensors")));

        var resolve = await hub.Client(token).GetAsync(repo.ResolvePath("model.safetensors"));
        Assert.Equal(HttpStatusCode.OK, resolve.StatusCode);
        Assert.Equal(pushed, resolve.Headers.GetValues("X-Repo-Commit").Single());
        Assert.Equal(sha, await TestFiles.Sha256Async(await resolve.Content.ReadAsStreamAsync()));
        await repo.AssertFsckCleanAsync();
    }
}
