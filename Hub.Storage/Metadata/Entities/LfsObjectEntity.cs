namespace Hub.Storage.Metadata.Entities;

/// <summary>A large file in the blob store, content addressed by its SHA-256.</summary>
internal sealed class LfsObjectEntity
{
    public required string Oid { get; set; }
    public long Size { get; set; }
    /// <summary>True once size and SHA-256 of the stored bytes were checked; only then is it served or committed.</summary>
    public bool Verified { get; set; }
    public DateTime CreatedAt { get; set; }
}
