namespace Hub.Storage.Metadata.Accounts;

/// <summary>The name is already used by a user or an organization (names are compared ignoring case).</summary>
public sealed class NameTakenException : Exception
{
    /// <inheritdoc />
    public NameTakenException() { }
    /// <inheritdoc />
    public NameTakenException(string message) : base(message) { }
    /// <inheritdoc />
    public NameTakenException(string message, Exception inner) : base(message, inner) { }
}
