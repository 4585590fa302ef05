using Hub.Api.Tests.Git;

namespace Hub.Api.Tests.Security;

/// <summary>
/// A push may not send an unbounded pack: every repository shares one volume, and a pack (or a small gzip body that
/// inflates to a huge one) is written to disk before any policy sees its objects. Past <c>Hub:Git:MaxPushBytes</c>
/// git refuses the push and the repository is unchanged; smaller pushes land.
/// </summary>
public sealed class GitPushSizeTests(SmallPushHub hub) : IClassFixture<SmallPushHub>
{
    [Fact]
    public async Task A_pack_over_the_ceiling_is_refused_and_a_small_one_lands()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await TestFiles.WriteRandomAsync(Path.Combine(work, "data.bin.part"), 4L * 1024 * 1024);
        await ci.OkAsync(work, "add", "data.bin.part");
        await ci.OkAsync(work, "commit", "-m", "4 MiB of incompressible bytes");
        var before = await repo.RefsAsync();

        var push = await ci.RunAsync(work, "push", "origin", "main");

        Assert.NotEqual(0, push.ExitCode);
        Assert.Equal(before, await repo.RefsAsync());
        await repo.AssertFsckCleanAsync();

        await ci.OkAsync(work, "reset", "--hard", "HEAD~1");
        await File.WriteAllTextAsync(Path.Combine(work, "small.txt"), "small");
        await ci.OkAsync(work, "add", "small.txt");
        await ci.OkAsync(work, "commit", "-m", "small");
        await ci.OkAsync(work, "push", "origin", "main");
        Assert.NotEqual(before, await repo.RefsAsync());
    }
}
