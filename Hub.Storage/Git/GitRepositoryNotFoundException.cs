namespace Hub.Storage.Git;

/// <summary>
/// The repository's directory is not there: never created, or deleted while a request that had found the repository
/// was still working on it. Callers answer it as a missing repository.
/// </summary>
public sealed class GitRepositoryNotFoundException : DirectoryNotFoundException
{
    /// <inheritdoc />
    public GitRepositoryNotFoundException() { }
    /// <inheritdoc />
    public GitRepositoryNotFoundException(string message) : base(message) { }
    /// <inheritdoc />
    public GitRepositoryNotFoundException(string message, Exception inner) : base(message, inner) { }
}
