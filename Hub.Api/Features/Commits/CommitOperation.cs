namespace Hub.Api.Features.Commits;

/// <summary>One line of the NDJSON commit body after parsing (hf-api.md §2.7.5).</summary>
public abstract record CommitOperation(string Path);

/// <summary><c>file</c>: a regular file with its content.</summary>
public sealed record CommitFile(string Path, byte[] Content) : CommitOperation(Path);

/// <summary><c>lfsFile</c>: a pointer to an uploaded LFS object; size may be absent (Python copies).</summary>
public sealed record CommitLfsFile(string Path, string Oid, long? Size) : CommitOperation(Path);

/// <summary><c>deletedFile</c>.</summary>
public sealed record CommitDeletedFile(string Path) : CommitOperation(Path);

/// <summary><c>deletedFolder</c>.</summary>
public sealed record CommitDeletedFolder(string Path) : CommitOperation(Path);
