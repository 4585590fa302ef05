namespace Hub.Storage.Metadata.Repositories;

/// <summary>A repository of that type and name already exists.</summary>
public sealed class RepositoryExistsException : Exception
{
    /// <inheritdoc />
    public RepositoryExistsException() { }
    /// <inheritdoc />
    public RepositoryExistsException(string message) : base(message) { }
    /// <inheritdoc />
    public RepositoryExistsException(string message, Exception inner) : base(message, inner) { }
}
