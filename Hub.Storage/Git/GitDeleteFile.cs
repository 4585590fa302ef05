namespace Hub.Storage.Git;

/// <summary>Deletes one file; the path must exist and be a file.</summary>
public sealed record GitDeleteFile(string Path) : GitFileOperation(Path);
