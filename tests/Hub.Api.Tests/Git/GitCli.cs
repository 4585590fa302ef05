using Hub.Testing;

namespace Hub.Api.Tests.Git;

/// <summary>
/// The real <c>git</c> (and <c>git-lfs</c> through it) as one CI job runs it: its own HOME, no system config, no
/// prompts, and a credential helper that answers the token as password (none when anonymous). Work folders live under
/// that HOME and go away with it.
/// </summary>
public sealed class GitCli : IDisposable
{
    private readonly TempDirectory home = new("hub-git");
    private readonly Dictionary<string, string> environment;

    private GitCli(string? token)
    {
        environment = new Dictionary<string, string>
        {
            ["HOME"] = home.Path,
            ["XDG_CONFIG_HOME"] = Path.Combine(home.Path, ".config"),
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["GIT_TERMINAL_PROMPT"] = "0",
            ["GIT_ASKPASS"] = "",
            ["SSH_ASKPASS"] = "",
            ["LC_ALL"] = "C",
        };
        Token = token;
    }

    public string? Token { get; }

    public string Home => home.Path;

    /// <summary>A git user whose credential helper returns <paramref name="token"/> (anonymous when null).</summary>
    public static async Task<GitCli> CreateAsync(string? token)
    {
        var git = new GitCli(token);
        await git.OkAsync(git.Home, "config", "--global", "user.name", "CI Bot");
        await git.OkAsync(git.Home, "config", "--global", "user.email", "ci@example.com");
        await git.OkAsync(git.Home, "config", "--global", "init.defaultBranch", "main");
        if (token is not null)
            await git.OkAsync(git.Home, "config", "--global", "credential.helper", $"!f() {{ echo username=hf_user; echo password={token}; }}; f");
        return git;
    }

    /// <summary>A fresh folder under this user's HOME.</summary>
    public string NewFolder(string name)
    {
        var path = Path.Combine(home.Path, name + "-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(path);
        return path;
    }

    public Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments) =>
        RunAsync(workingDirectory, null, arguments);

    public Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, IDictionary<string, string>? extra, params string[] arguments)
    {
        var env = new Dictionary<string, string>(environment);
        foreach (var (k, v) in extra ?? new Dictionary<string, string>()) env[k] = v;
        return ProcessRunner.RunAsync("git", arguments, workingDirectory, env, TimeSpan.FromMinutes(5));
    }

    /// <summary>Runs git and fails the test, with git's output, when it does not succeed.</summary>
    public async Task<string> OkAsync(string workingDirectory, params string[] arguments)
    {
        var (code, output) = await RunAsync(workingDirectory, arguments);
        Assert.True(code == 0, $"git {string.Join(' ', arguments)} exited with {code}:\n{output}");
        return output;
    }

    /// <summary>Clones <paramref name="url"/> into a new folder and returns it (extra clone options before the URL).</summary>
    public async Task<string> CloneAsync(string url, params string[] options)
    {
        var target = NewFolder("clone");
        await OkAsync(home.Path, ["clone", .. options, url, target]);
        return target;
    }

    /// <summary>Clones and enables git-lfs in that clone only (<c>git lfs install --local</c>).</summary>
    public async Task<string> CloneWithLfsAsync(string url)
    {
        var target = await CloneAsync(url);
        await OkAsync(target, "lfs", "install", "--local");
        return target;
    }

    /// <summary>Runs a <c>sh</c> script as this user (git on its PATH sees this HOME); fails the test when it fails.</summary>
    public async Task<string> ShellOkAsync(string workingDirectory, string script)
    {
        var (code, output) = await ProcessRunner.RunAsync("sh", ["-c", script], workingDirectory, environment, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, $"sh -c '{script}' exited with {code}:\n{output}");
        return output;
    }

    public async Task<string> HeadAsync(string repo, string revision = "HEAD") =>
        (await OkAsync(repo, "rev-parse", revision)).Trim();

    public void Dispose() => home.Dispose();
}
