namespace Hub.Storage.Blobs;

/// <summary>Bytes did not match the size or sha256 they were claimed to have; nothing was stored.</summary>
public sealed class BlobIntegrityException : Exception
{
    /// <inheritdoc />
    public BlobIntegrityException() { }
    /// <inheritdoc />
    public BlobIntegrityException(string message) : base(message) { }
    /// <inheritdoc />
    public BlobIntegrityException(string message, Exception inner) : base(message, inner) { }
}
