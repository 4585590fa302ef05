namespace Hub.Storage.Blobs;

/// <summary>What the store knows of one object.</summary>
/// <param name="Key">The object key.</param>
/// <param name="Size">Length in bytes.</param>
/// <param name="Sha256">Lower-case hex sha256 when known (computed on write), else null.</param>
public sealed record BlobInfo(string Key, long Size, string? Sha256);
