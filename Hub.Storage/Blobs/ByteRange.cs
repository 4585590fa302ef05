namespace Hub.Storage.Blobs;

/// <summary>A range of bytes: <paramref name="Offset"/> and, when known, <paramref name="Length"/> (null: to the end).</summary>
public readonly record struct ByteRange(long Offset, long? Length);
