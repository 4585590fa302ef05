using Hub.Api.Features.Repos;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// One <c>git receive-pack</c> run: the repository and caller it pushes as, what the pre-receive check said of its
/// ref updates and which of them git then applied, for the audit log and webhooks. Disposing it ends the push (its hook token stops working).
/// </summary>
public sealed class PushSession(RepoContext repo, Action end) : IDisposable
{
    public RepoContext Repo { get; } = repo;

    /// <summary>The ref updates (<c>old new ref</c> lines) the hook asked about; null when the hook never ran.</summary>
    public string? Updates { get; private set; }

    /// <summary>Why the hook refused the push; empty when it let it land.</summary>
    public IReadOnlyList<string> Problems { get; private set; } = [];

    /// <summary>The ref updates git applied (<c>old new ref</c> lines, from the post-receive hook); null when none was reported.</summary>
    public string? Landed { get; private set; }

    public void Applied(string updates) => Landed = updates;

    public void Checked(string updates, IReadOnlyList<string> problems)
    {
        Updates = updates;
        Problems = problems;
    }

    public void Dispose() => end();
}
