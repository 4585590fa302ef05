namespace Hub.Storage.Git;

/// <summary>
/// A git command failed in a way the store does not expect (a broken repository, a full disk). Deliberately not mapped
/// to a client error: it is a server fault and must surface as one.
/// </summary>
internal sealed class GitCommandException : Exception
{
    public GitCommandException(GitResult result)
        : base($"git {result.Invocation.Command} exited with {result.ExitCode}: {Summarize(result.Error)}")
    {
        ExitCode = result.ExitCode;
        Error = result.Error;
    }

    public int ExitCode { get; }

    public string Error { get; }

    private static string Summarize(string error)
    {
        var trimmed = error.Trim();
        return trimmed.Length <= 2000 ? trimmed : trimmed[..2000] + "…";
    }
}
