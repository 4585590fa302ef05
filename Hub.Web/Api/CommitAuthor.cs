using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>An author of a commit.</summary>
public sealed record CommitAuthor([property: JsonPropertyName("user")] string User);
