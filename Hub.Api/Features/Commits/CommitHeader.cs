namespace Hub.Api.Features.Commits;

/// <summary>The <c>header</c> line: summary, description, optional parent commit.</summary>
public sealed record CommitHeader(string Summary, string Description, string? ParentCommit);
