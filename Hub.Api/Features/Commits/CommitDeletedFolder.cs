namespace Hub.Api.Features.Commits;

/// <summary><c>deletedFolder</c>.</summary>
public sealed record CommitDeletedFolder(string Path) : CommitOperation(Path);
