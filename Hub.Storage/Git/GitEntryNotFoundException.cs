namespace Hub.Storage.Git;

/// <summary>A path to delete or list does not exist (or is of the other kind).</summary>
public sealed class GitEntryNotFoundException : Exception
{
    /// <inheritdoc />
    public GitEntryNotFoundException() { }
    /// <inheritdoc />
    public GitEntryNotFoundException(string message) : base(message) { }
    /// <inheritdoc />
    public GitEntryNotFoundException(string message, Exception inner) : base(message, inner) { }
}
