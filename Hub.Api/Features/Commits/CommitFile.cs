namespace Hub.Api.Features.Commits;

/// <summary><c>file</c>: a regular file with its content.</summary>
public sealed record CommitFile(string Path, byte[] Content) : CommitOperation(Path);
