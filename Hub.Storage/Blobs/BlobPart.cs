namespace Hub.Storage.Blobs;

/// <summary>One stored part of a multipart upload.</summary>
/// <param name="PartNumber">1-based part number.</param>
/// <param name="ETag">The ETag the store gave the part.</param>
/// <param name="Size">Length of the part in bytes.</param>
public sealed record BlobPart(int PartNumber, string ETag, long Size);
