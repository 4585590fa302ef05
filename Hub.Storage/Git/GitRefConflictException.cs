namespace Hub.Storage.Git;

/// <summary>A compare-and-swap ref update lost: the ref no longer holds the expected value.</summary>
public sealed class GitRefConflictException : Exception
{
    /// <inheritdoc />
    public GitRefConflictException() { }
    /// <inheritdoc />
    public GitRefConflictException(string message) : base(message) { }
    /// <inheritdoc />
    public GitRefConflictException(string message, Exception inner) : base(message, inner) { }
}
