namespace Hub.Storage.Git;

/// <summary>Adds or replaces a regular file with <paramref name="Content"/>.</summary>
public sealed record GitAddFile(string Path, ReadOnlyMemory<byte> Content) : GitFileOperation(Path);
