using System.Text;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;
using Hub.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Security.Hostile;

/// <summary>A hub (PostgreSQL + Ceph RGW) with one target repository holding a regular and an LFS file, and its writer's token.</summary>
public sealed class HostileFixture : IAsyncLifetime
{
    public SecurityHub Hub { get; } = new(production: true, new Dictionary<string, string?>
    {
        // Many cases send broken credentials on purpose; the brute-force limit has its own tests.
        ["Hub:Security:BruteForce:MaxInvalidTokens"] = "100000",
        ["Hub:Security:BruteForce:MaxLoginFailures"] = "100000",
    });

    public string Token { get; private set; } = "";

    public string Repo { get; private set; } = "";

    public string RepoId { get; private set; } = "";

    public byte[] Weights { get; } = Encoding.UTF8.GetBytes("hostile weights " + Guid.NewGuid());

    public string WeightsOid => HubApi.Sha256(Weights);

    /// <summary>An LFS object uploaded to the hub but never committed (oid/size mismatch cases point at it).</summary>
    public byte[] Loose { get; } = Encoding.UTF8.GetBytes("loose object " + Guid.NewGuid());

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        (_, Token) = await Hub.CreateUserAsync();
        var client = Hub.Client(Token);
        Repo = await HubApi.CreateRepoAsync(client, "hostile-" + Guid.NewGuid().ToString("N")[..8]);
        await HubApi.UploadLfsAsync(client, Repo, Weights);
        await HubApi.UploadLfsAsync(client, Repo, Loose);
        await HubApi.CommitOkAsync(client, Repo, "files",
            HubApi.File("config.json", "{\"a\": 1}"u8.ToArray()),
            HubApi.File("docs/readme.md", "hello"u8.ToArray()),
            HubApi.LfsFile("weights.bin", Weights));
        RepoId = (await Hub.Services.GetRequiredService<IRepositoryStore>().FindAsync("model", Repo, CancellationToken.None))!.Id;
    }

    public Task DisposeAsync() => Hub.DisposeAsync();

    /// <summary>Every ref of the repository, its indexed head, and whether <c>git fsck</c> is clean.</summary>
    public async Task<(string Refs, string? IndexedHead, string Fsck)> StateAsync()
    {
        var git = Hub.Services.GetRequiredService<IGitRepositoryStore>();
        var refs = string.Join("\n", (await git.ListRefsAsync(RepoId, CancellationToken.None)).Select(r => $"{r.Name} {r.Target}"));
        var indexed = (await Hub.Services.GetRequiredService<IRepositoryStore>().GetAsync(RepoId, CancellationToken.None))!.HeadCommit;
        var (exit, output) = await ProcessRunner.RunAsync("git", ["fsck", "--strict", "--no-dangling", "--no-progress"], git.GetPath(RepoId));
        return (refs, indexed, exit == 0 ? "clean" : output);
    }
}
