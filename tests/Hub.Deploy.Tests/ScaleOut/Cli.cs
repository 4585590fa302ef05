using Hub.Testing;

namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>git as the deploy tests run it.</summary>
public static class Cli
{
    /// <summary>git with a fixed identity and no user or system configuration getting in the way.</summary>
    public static async Task<string> GitAsync(string workingDirectory, params string[] arguments)
    {
        var (exit, output) = await ProcessRunner.RunAsync("git", arguments, workingDirectory, new Dictionary<string, string>
        {
            ["GIT_CONFIG_NOSYSTEM"] = "1",
            ["HOME"] = workingDirectory,
            ["GIT_AUTHOR_NAME"] = "Deploy Test",
            ["GIT_AUTHOR_EMAIL"] = "deploy@example.com",
            ["GIT_COMMITTER_NAME"] = "Deploy Test",
            ["GIT_COMMITTER_EMAIL"] = "deploy@example.com",
            ["GIT_TERMINAL_PROMPT"] = "0",
        });
        Assert.True(exit == 0, $"git {string.Join(' ', arguments)} failed ({exit}):\n{output}");
        return output;
    }
}
