namespace Hub.Testing;

/// <summary>A file to commit to a test repo; <paramref name="Lfs"/>: uploaded through the LFS batch API, committed as a pointer.</summary>
public sealed record RepoFile(string Path, byte[] Content, bool Lfs = false);
