using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>The author of a discussion or an event; absent for deleted accounts.</summary>
public sealed record DiscussionAuthor([property: JsonPropertyName("name")] string Name);
