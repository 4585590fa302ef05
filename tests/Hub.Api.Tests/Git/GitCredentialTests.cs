using System.Net;
using System.Net.Http.Json;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Git;

/// <summary>What git tells a CI job whose credentials are wrong or not enough, and the remote URL forms it may use.</summary>
[Collection(GitHubCollection.Name)]
public sealed class GitCredentialTests(ProductionHub hub)
{
    [Fact]
    public async Task A_wrong_token_as_basic_password_is_answered_401_and_git_says_authentication_failed()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: true);
        var publicRepo = await HubRepo.CreateAsync(hub, token);
        var wrong = "hf_" + Guid.NewGuid().ToString("N");
        var request = new HttpRequestMessage(HttpMethod.Get, repo.Url() + "/info/refs?service=git-upload-pack");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("hf_user:" + wrong)));
        var answer = await hub.Client().SendAsync(request);
        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Equal("Basic", answer.Headers.WwwAuthenticate.Single().Scheme);
        using var ci = await GitCli.CreateAsync(wrong);

        var clone = await ci.RunAsync(ci.Home, "clone", repo.Url(), ci.NewFolder("private"));
        var work = await ci.CloneAsync(publicRepo.Url());
        await GitRefUpdateTests.CommitFileAsync(ci, work, "notes.txt", "with a wrong token\n");
        var before = await publicRepo.RefsAsync();
        var push = await ci.RunAsync(work, "push", "origin", "main");

        foreach (var (code, output) in new[] { clone, push })
        {
            Assert.NotEqual(0, code);
            Assert.Contains("Authentication failed", output, StringComparison.Ordinal);
        }
        Assert.Equal(before, await publicRepo.RefsAsync());
    }

    [Fact]
    public async Task Private_clone_without_credentials_is_challenged_with_basic()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, isPrivate: true);
        foreach (var url in new[] { repo.Url(), repo.Url(dotGit: true) })
        {
            var answer = await hub.Client().GetAsync(url + "/info/refs?service=git-upload-pack");
            Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
            Assert.Equal("Basic", answer.Headers.WwwAuthenticate.Single().Scheme);
        }
    }

    [Fact]
    public async Task Write_token_of_a_non_member_pushing_to_an_org_repo_reads_as_not_found_or_no_write_access()
    {
        var (_, ownerToken) = await hub.CreateUserAsync();
        var org = "o" + Guid.NewGuid().ToString("N")[..10];
        Assert.Equal(HttpStatusCode.OK, (await hub.Client(ownerToken).PostAsJsonAsync("api/organizations/new", new { name = org })).StatusCode);
        var privateRepo = await HubRepo.CreateAsync(hub, ownerToken, isPrivate: true, organization: org);
        var publicRepo = await HubRepo.CreateAsync(hub, ownerToken, organization: org);
        var (_, outsiderToken) = await hub.CreateUserAsync();
        using var outsider = await GitCli.CreateAsync(outsiderToken);
        var work = await outsider.CloneAsync(publicRepo.Url());
        await GitRefUpdateTests.CommitFileAsync(outsider, work, "notes.txt", "from outside\n");
        var privateBefore = await privateRepo.RefsAsync();
        var publicBefore = await publicRepo.RefsAsync();

        var toPrivate = await outsider.RunAsync(work, "push", privateRepo.Url(), "main");
        var toPublic = await outsider.RunAsync(work, "push", "origin", "main");

        Assert.NotEqual(0, toPrivate.ExitCode);
        Assert.Contains("Repository not found", toPrivate.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, toPublic.ExitCode);
        Assert.Contains("403", toPublic.Output, StringComparison.Ordinal);
        Assert.Contains("write", toPublic.Output, StringComparison.Ordinal);
        Assert.Equal(privateBefore, await privateRepo.RefsAsync());
        Assert.Equal(publicBefore, await publicRepo.RefsAsync());
    }

    [Theory]
    [InlineData("model", true)]
    [InlineData("model", false)]
    [InlineData("space", true)]
    [InlineData("dataset", false)]
    public async Task Every_repo_type_is_a_remote_with_or_without_dot_git(string type, bool dotGit)
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubRepo.CreateAsync(hub, token, type: type);
        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneWithLfsAsync(repo.Url(dotGit));
        await ci.OkAsync(work, "lfs", "track", "*.bin");
        var sha = await TestFiles.WriteRandomAsync(Path.Combine(work, "weights.bin"), 64 * 1024);
        await ci.OkAsync(work, "add", ".gitattributes", "weights.bin");
        await ci.OkAsync(work, "commit", "-m", "Add weights");
        await ci.OkAsync(work, "push", "origin", "main");
        Assert.Equal(await ci.HeadAsync(work), await repo.HeadAsync());

        var copy = await ci.CloneWithLfsAsync(repo.Url(!dotGit));
        await ci.OkAsync(copy, "lfs", "pull");
        Assert.Equal(sha, await TestFiles.Sha256Async(Path.Combine(copy, "weights.bin")));
    }
}
