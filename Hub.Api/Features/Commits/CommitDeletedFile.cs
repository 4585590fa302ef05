namespace Hub.Api.Features.Commits;

/// <summary><c>deletedFile</c>.</summary>
public sealed record CommitDeletedFile(string Path) : CommitOperation(Path);
