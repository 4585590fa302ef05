namespace Hub.Api.Tests.Discussions;

/// <summary>huggingface_hub's <c>Discussion</c>.</summary>
public sealed record ParsedDiscussion(
    string Title, int Num, string Author, DateTimeOffset CreatedAt, string Status, string RepoId, string RepoType, bool IsPullRequest);
