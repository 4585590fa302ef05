namespace Hub.Storage.Git;

/// <summary>Deletes a directory and everything below it; the path must exist and be a directory.</summary>
public sealed record GitDeleteFolder(string Path) : GitFileOperation(Path);
