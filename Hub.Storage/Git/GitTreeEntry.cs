namespace Hub.Storage.Git;

/// <summary>One entry of a tree listing.</summary>
/// <param name="Path">Full path from the repository root.</param>
/// <param name="Kind">File or directory.</param>
/// <param name="ObjectId">Blob or tree sha1.</param>
/// <param name="Size">Blob size in bytes (0 for directories).</param>
/// <param name="Mode">git file mode, e.g. <c>100644</c>.</param>
public sealed record GitTreeEntry(string Path, GitEntryKind Kind, string ObjectId, long Size, string Mode);
