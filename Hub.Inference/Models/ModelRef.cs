namespace Hub.Inference.Models;

/// <summary>A model repository at one commit, as the API resolved it.</summary>
/// <param name="RepoId">The repository's stable id (names its git repository).</param>
/// <param name="RepoName"><c>ns/name</c>, for logs, metrics and per-model settings.</param>
/// <param name="Commit">The full commit id.</param>
public sealed record ModelRef(string RepoId, string RepoName, string Commit)
{
    /// <summary>The KServe v2 model name: the repository name with <c>/</c> replaced by <c>--</c>.</summary>
    public string V2Name => RepoName.Replace("/", "--", StringComparison.Ordinal);
}
