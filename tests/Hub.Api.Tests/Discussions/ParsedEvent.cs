namespace Hub.Api.Tests.Discussions;

/// <summary>huggingface_hub's <c>DiscussionEvent</c> subclasses flattened: only the fields of its type are set.</summary>
public sealed record ParsedEvent(string Id, string Type, DateTimeOffset CreatedAt, string Author)
{
    public string? Content { get; init; }
    public string? Html { get; init; }
    public bool Edited { get; init; }
    public bool Hidden { get; init; }
    public int Edits { get; init; }
    public string? NewStatus { get; init; }
    public string? Summary { get; init; }
    public string? Oid { get; init; }
    public string? OldTitle { get; init; }
    public string? NewTitle { get; init; }
}
