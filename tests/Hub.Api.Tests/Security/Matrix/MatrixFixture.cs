using System.Text;
using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Security.Matrix;

/// <summary>
/// One hub with an organization holding a public, a private and a manually gated model (each with a regular file
/// carrying a marker and an LFS file), and the eight callers of the matrix.
/// </summary>
public sealed class MatrixFixture : IAsyncLifetime
{
    public const string Marker = "MATRIX-SECRET-4f1c";

    public SecurityHub Hub { get; } = new(production: true, new Dictionary<string, string?> { ["Hub:Security:BruteForce:MaxInvalidTokens"] = "100000" });

    public string Org { get; private set; } = "";

    public string OwnerToken { get; private set; } = "";

    /// <summary>Tokens by caller kind; null for anonymous.</summary>
    public Dictionary<string, string?> Tokens { get; } = [];

    /// <summary>Full names by repo kind.</summary>
    public Dictionary<string, string> Repos { get; } = [];

    public Dictionary<string, string> LfsOids { get; } = [];

    public Dictionary<string, long> LfsSizes { get; } = [];

    public async Task InitializeAsync()
    {
        await Hub.InitializeAsync();
        var (owner, ownerToken) = await Hub.CreateUserAsync();
        var (reader, readerToken) = await Hub.CreateUserAsync();
        var (writer, writerToken) = await Hub.CreateUserAsync();
        var (_, otherToken) = await Hub.CreateUserAsync();
        OwnerToken = ownerToken;
        Org = await Hub.CreateOrganizationAsync(ownerToken, (reader, "read"), (writer, "write"));
        var client = Hub.Client(ownerToken);
        foreach (var kind in MatrixCases.RepoKinds)
        {
            var repo = await HubApi.CreateRepoAsync(client, $"{kind}-{Guid.NewGuid():N}"[..20], isPrivate: kind == "private", organization: Org);
            var weights = Encoding.UTF8.GetBytes($"weights of {repo} {Guid.NewGuid()}");
            await HubApi.UploadLfsAsync(client, repo, weights);
            await HubApi.CommitOkAsync(client, repo, "files",
                HubApi.File("config.json", Encoding.UTF8.GetBytes($"{{\"secret\": \"{Marker}\"}}")),
                HubApi.LfsFile("weights.bin", weights));
            if (kind == "gated") await Hub.SetGatedAsync(ownerToken, repo, "manual");
            Repos[kind] = repo;
            LfsOids[kind] = HubApi.Sha256(weights);
            LfsSizes[kind] = weights.Length;
        }
        var target = await HubApi.CreateRepoAsync(client, "fgtarget-" + Guid.NewGuid().ToString("N")[..8], isPrivate: true, organization: Org);
        Tokens["anonymous"] = null;
        Tokens["read-token"] = await Hub.CreateTokenAsync(ownerToken, "read");
        Tokens["write-token"] = ownerToken;
        Tokens["fine-grained-other-repo"] = await Hub.CreateTokenAsync(ownerToken, "fineGrained", [new { repo = target, access = "write" }]);
        Tokens["org-reader"] = readerToken;
        Tokens["org-writer"] = writerToken;
        Tokens["other-user"] = otherToken;
        Tokens["admin"] = Hub.AdminToken;
        _ = owner;
    }

    public Task DisposeAsync() => Hub.DisposeAsync();
}
