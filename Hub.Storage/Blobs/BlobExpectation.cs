namespace Hub.Storage.Blobs;

/// <summary>The size and sha256 (lower-case hex) that bytes must have to be accepted.</summary>
public sealed record BlobExpectation(long Size, string Sha256);
