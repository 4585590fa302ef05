using System.Net;
using System.Text.RegularExpressions;
using Hub.Api.Features.Lfs;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Metadata.Lfs;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests;

/// <summary>Multipart uploads are sessions the hub keeps: a second client process finishes what a killed one started.</summary>
[Collection(ProductionHubCollection.Name)]
public sealed partial class ResumableUploadTests(ProductionHub hub)
{
    [Fact]
    public async Task A_killed_multipart_upload_is_finished_by_a_second_process_that_sends_only_the_missing_parts()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(token), "resume" + Guid.NewGuid().ToString("N")[..8]);
        using var dir = new Hub.Testing.TempDirectory();
        var file = Path.Combine(dir.Path, "weights.bin");
        var data = new byte[72 * 1024 * 1024 + 123]; // 3 parts of 32 MiB at the default chunk size
        Random.Shared.NextBytes(data);
        await File.WriteAllBytesAsync(file, data);
        var js = Path.Combine(RepoRoot.Path, "tests", "js");
        var env = new Dictionary<string, string> { ["HUB_URL"] = hub.Url, ["HUB_TOKEN"] = token };

        var (firstExit, first) = await ProcessRunner.RunAsync("node", ["resumable-upload.mjs", file, repo, "weights.bin", "--die-after-parts", "2"], js, env);
        Assert.NotEqual(0, firstExit);
        Assert.Equal(["1", "2"], SentParts().Matches(first).Select(m => m.Groups[1].Value));

        var (secondExit, second) = await ProcessRunner.RunAsync("node", ["resumable-upload.mjs", file, repo, "weights.bin"], js, env);
        Assert.True(secondExit == 0, second);
        Assert.Contains("already stored: 1,2", second, StringComparison.Ordinal);
        Assert.Equal(["3"], SentParts().Matches(second).Select(m => m.Groups[1].Value));

        var resolve = await hub.Client(token).GetAsync($"{repo}/resolve/main/weights.bin");
        Assert.Equal(HttpStatusCode.Found, resolve.StatusCode);
        using var plain = new HttpClient();
        Assert.Equal(HubApi.Sha256(data), HubApi.Sha256(await plain.GetByteArrayAsync(resolve.Headers.Location)));
    }

    [Fact]
    public async Task Abandoned_upload_sessions_expire_and_are_reclaimed()
    {
        var (_, token) = await hub.CreateUserAsync();
        var repo = await HubApi.CreateRepoAsync(hub.Client(token), "expire" + Guid.NewGuid().ToString("N")[..8]);
        var uploads = hub.Services.GetRequiredService<LfsUploads>();
        var objects = hub.Services.GetRequiredService<ILfsObjectStore>();
        var repoId = (await hub.Services.GetRequiredService<Hub.Storage.Metadata.Repositories.IRepositoryStore>().FindAsync("model", repo, default))!.Id;
        var oid = HubApi.Sha256(Guid.NewGuid().ToByteArray());
        var (session, _) = await uploads.GetOrStartAsync(repoId, oid, 100L * 1024 * 1024, multipart: true, default);
        Assert.NotNull(await objects.GetSessionAsync(session.Id, default));
        var expired = await objects.ListExpiredSessionsAsync(session.ExpiresAt.AddSeconds(1), 1000, default);
        Assert.Contains(expired, s => s.Id == session.Id);
        foreach (var s in expired.Where(s => s.Id == session.Id)) await uploads.AbandonAsync(s, default);
        Assert.Null(await objects.GetSessionAsync(session.Id, default));
    }

    [GeneratedRegex(@"sent part (\d+)")]
    private static partial Regex SentParts();
}
