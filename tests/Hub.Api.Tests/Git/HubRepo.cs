using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using Hub.Storage.Git;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Api.Tests.Git;

/// <summary>A repository on the test hub seen from both sides: its git remote URL and the hub's own view (refs, fsck).</summary>
public sealed record HubRepo(HubServer Hub, string Type, string FullName)
{
    private string Prefix => Type == "model" ? "" : Type + "s/";

    /// <summary>The clone URL, as on huggingface.co: the web URL, optionally with <c>.git</c>.</summary>
    public string Url(bool dotGit = false) => $"{Hub.Url}/{Prefix}{FullName}{(dotGit ? ".git" : "")}";

    public string ApiPath => $"api/{Type}s/{FullName}";

    public string ResolvePath(string path, string revision = "main") => $"{Prefix}{FullName}/resolve/{revision}/{path}";

    /// <summary>Creates a repository (with its initial commit) owned by the token's user.</summary>
    public static async Task<HubRepo> CreateAsync(HubServer hub, string token, string type = "model", bool isPrivate = false, string? organization = null)
    {
        var name = "g" + Guid.NewGuid().ToString("N")[..12];
        var fullName = await HubApi.CreateRepoAsync(hub.Client(token), name, type, isPrivate, organization);
        return new HubRepo(hub, type, fullName);
    }

    public async Task<string> IdAsync()
    {
        var record = await Hub.Services.GetRequiredService<IRepositoryStore>().FindAsync(Type, FullName, CancellationToken.None);
        return record?.Id ?? throw new InvalidOperationException($"{FullName} is not on the hub.");
    }

    /// <summary>Every ref of the bare repository, as "name target" lines in name order.</summary>
    public async Task<string> RefsAsync()
    {
        var refs = await Hub.Services.GetRequiredService<IGitRepositoryStore>().ListRefsAsync(await IdAsync(), CancellationToken.None);
        return string.Join("\n", refs.OrderBy(r => r.Name, StringComparer.Ordinal).Select(r => $"{r.Name} {r.Target}"));
    }

    public async Task<string> HeadAsync(string branch = "main") =>
        (await Hub.Services.GetRequiredService<IGitRepositoryStore>().ResolveAsync(await IdAsync(), "refs/heads/" + branch, CancellationToken.None))?.CommitId
        ?? throw new InvalidOperationException($"{FullName} has no branch {branch}.");

    /// <summary>Asserts that <c>git fsck</c> finds nothing wrong in the bare repository.</summary>
    public async Task AssertFsckCleanAsync()
    {
        var problems = await Hub.Services.GetRequiredService<IGitRepositoryStore>().FsckAsync(await IdAsync(), CancellationToken.None);
        Assert.True(problems.Count == 0, "git fsck: " + string.Join("\n", problems));
    }

    /// <summary>The repo info the HF clients read (<c>GET /api/{type}s/{id}</c>).</summary>
    public async Task<JsonObject> InfoAsync(string token)
    {
        var response = await Hub.Client(token).GetAsync(ApiPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
