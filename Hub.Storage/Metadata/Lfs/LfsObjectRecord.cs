namespace Hub.Storage.Metadata.Lfs;

/// <summary>A large file known to the hub; <paramref name="Verified"/> once its bytes were checked against oid and size.</summary>
public sealed record LfsObjectRecord(string Oid, long Size, bool Verified, DateTimeOffset CreatedAt);
