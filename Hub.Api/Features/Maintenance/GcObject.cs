namespace Hub.Api.Features.Maintenance;

/// <summary>An LFS object the collector found unreferenced.</summary>
public sealed record GcObject(string Oid, long Size, DateTimeOffset CreatedAt);
