namespace Hub.Api.Features.Commits;

/// <summary><c>lfsFile</c>: a pointer to an uploaded LFS object; size may be absent (Python copies).</summary>
public sealed record CommitLfsFile(string Path, string Oid, long? Size) : CommitOperation(Path);
