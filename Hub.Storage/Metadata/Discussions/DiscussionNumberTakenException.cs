namespace Hub.Storage.Metadata.Discussions;

/// <summary>Another writer took the discussion number meanwhile; choose the next one and try again.</summary>
public sealed class DiscussionNumberTakenException : Exception
{
    /// <inheritdoc />
    public DiscussionNumberTakenException() { }
    /// <inheritdoc />
    public DiscussionNumberTakenException(string message) : base(message) { }
    /// <inheritdoc />
    public DiscussionNumberTakenException(string message, Exception inner) : base(message, inner) { }
}
