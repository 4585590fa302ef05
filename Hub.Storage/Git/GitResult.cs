using System.Text;

namespace Hub.Storage.Git;

/// <summary>What a finished git command printed, and how it exited.</summary>
internal sealed record GitResult(GitInvocation Invocation, int ExitCode, byte[] Output, string Error)
{
    public bool Succeeded => ExitCode == 0;

    /// <summary>Stdout as UTF-8 (git prints paths and messages in UTF-8 under <c>LC_ALL=C</c>).</summary>
    public string OutputText => Encoding.UTF8.GetString(Output);

    /// <summary>Stdout's first line, trimmed: the single object id most plumbing commands print.</summary>
    public string FirstLine => OutputText.Split('\n', 2)[0].Trim();

    public GitResult EnsureSuccess() => Succeeded ? this : throw new GitCommandException(this);
}
