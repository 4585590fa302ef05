using System.Diagnostics;
using System.Text;
using Hub.Storage.Git;
using Hub.Testing;
using Microsoft.Extensions.Logging.Abstractions;

namespace Hub.Storage.Tests.Git;

/// <summary>A store over a fresh temporary repository root, plus the real git CLI to check what it wrote.</summary>
public sealed class GitStoreFixture : IDisposable
{
    public static readonly GitSignature Alice = new("Alice Example", "alice@example.com", new DateTimeOffset(2024, 5, 6, 7, 8, 9, TimeSpan.FromHours(2)));

    private readonly TempDirectory _temp = new("hub-git-test");

    public GitStoreFixture()
    {
        Store = new GitCliRepositoryStore(Path.Combine(_temp.Path, "repos"), TimeProvider.System, NullLogger<GitCliRepositoryStore>.Instance);
    }

    internal GitCliRepositoryStore Store { get; }

    public string Root => Path.Combine(_temp.Path, "repos");

    public async Task<string> CreateRepoAsync(string repoId = "repo0001") =>
        await Store.CreateAsync(repoId, Alice, "Initial commit", [GitDefaults.GitAttributesFile("model")], CancellationToken.None);

    public Task<string> CommitAsync(string repoId, string parent, params GitFileOperation[] operations) =>
        Store.CommitAsync(repoId, new GitCommitRequest("refs/heads/main", parent, parent, Alice, "Change files", operations), CancellationToken.None);

    public static GitAddFile Add(string path, string content) => new(path, Encoding.UTF8.GetBytes(content));

    public async Task<string> HeadAsync(string repoId, string revision = "main") =>
        (await Store.ResolveAsync(repoId, revision, CancellationToken.None))!.CommitId;

    public async Task<string> ReadTextAsync(string repoId, string commit, string path)
    {
        var entry = await Store.GetEntryAsync(repoId, commit, path, CancellationToken.None) ?? throw new FileNotFoundException(path);
        return Encoding.UTF8.GetString((await Store.ReadBlobAsync(repoId, entry.ObjectId, int.MaxValue, CancellationToken.None))!);
    }

    /// <summary>Runs the real git in a repository of the store; fails the test when git fails.</summary>
    public Task<string> GitAsync(string repoId, params string[] arguments) => GitAsync(repoId, null, arguments);

    public async Task<string> GitAsync(string repoId, byte[]? stdin, params string[] arguments)
    {
        var startInfo = new ProcessStartInfo("git")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _temp.Path,
        };
        startInfo.ArgumentList.Add("--git-dir=" + Store.GetPath(repoId));
        foreach (var argument in arguments)
            startInfo.ArgumentList.Add(argument);
        startInfo.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        startInfo.Environment["HOME"] = _temp.Path;
        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        if (stdin is not null)
            await process.StandardInput.BaseStream.WriteAsync(stdin, CancellationToken.None);
        process.StandardInput.Close();
        await process.WaitForExitAsync(CancellationToken.None);
        Assert.True(process.ExitCode == 0, $"git {string.Join(' ', arguments)} failed: {await error}");
        return (await output).TrimEnd('\n');
    }

    public void Dispose()
    {
        Store.Dispose();
        _temp.Dispose();
    }
}
