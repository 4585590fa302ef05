using System.Net;
using System.Net.Http.Json;
using Hub.Api.Tests.Git;
using Hub.Api.Tests.Infrastructure;
using Hub.Api.Tests.Security.Scanning;

namespace Hub.Api.Tests.Security;

/// <summary>
/// Quarantine promises an unsafe file is not served until an admin releases it. resolve and the LFS batch withhold
/// it, but a file stored in git itself (a small pickle is an ordinary blob) travels with every clone, which cannot leave
/// one blob out. Such files are refused instead, on HTTP commits and on pushes; LFS files are still quarantined.
/// </summary>
public sealed class QuarantineGitTests(QuarantineHub hub) : IClassFixture<QuarantineHub>
{
    [Fact]
    public async Task An_unsafe_file_stored_in_git_never_reaches_a_clone()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubRepo.CreateAsync(hub, token);
        var commit = await HubApi.CommitAsync(client, repo.FullName, "evil", [HubApi.File("model.pkl", ScanningHubTests.Malicious)]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, commit.StatusCode);

        using var ci = await GitCli.CreateAsync(token);
        var work = await ci.CloneAsync(repo.Url());
        await File.WriteAllBytesAsync(Path.Combine(work, "weights.pth"), ScanningHubTests.Malicious);
        await ci.OkAsync(work, "add", "weights.pth");
        await ci.OkAsync(work, "commit", "-m", "evil by git");
        var push = await ci.RunAsync(work, "push", "origin", "main");
        Assert.NotEqual(0, push.ExitCode);

        var clone = await ci.CloneAsync(repo.Url());
        Assert.False(File.Exists(Path.Combine(clone, "model.pkl")));
        Assert.False(File.Exists(Path.Combine(clone, "weights.pth")));
    }

    [Fact]
    public async Task The_files_a_repository_is_created_with_are_scanned_like_a_commit()
    {
        var (user, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var name = "created-" + Guid.NewGuid().ToString("N")[..8];
        var created = await client.PostAsJsonAsync("api/repos/create", new
        {
            name, type = "model", files = new[] { new { path = "model.pkl", content = Convert.ToBase64String(ScanningHubTests.Malicious), encoding = "base64" } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, created.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"api/models/{user}/{name}")).StatusCode);
    }
}
