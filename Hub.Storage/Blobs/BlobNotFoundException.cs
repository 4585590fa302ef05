namespace Hub.Storage.Blobs;

/// <summary>The object or multipart upload does not exist.</summary>
public sealed class BlobNotFoundException : Exception
{
    /// <inheritdoc />
    public BlobNotFoundException() { }
    /// <inheritdoc />
    public BlobNotFoundException(string message) : base(message) { }
    /// <inheritdoc />
    public BlobNotFoundException(string message, Exception inner) : base(message, inner) { }
}
