namespace Hub.Storage.Git;

/// <summary>A path breaks the path rules of <see cref="IGitRepositoryStore"/>.</summary>
public sealed class GitPathException : Exception
{
    /// <inheritdoc />
    public GitPathException() { }
    /// <inheritdoc />
    public GitPathException(string message) : base(message) { }
    /// <inheritdoc />
    public GitPathException(string message, Exception inner) : base(message, inner) { }
}
