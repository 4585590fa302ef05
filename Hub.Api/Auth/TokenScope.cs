using System.Text.Json.Serialization;

namespace Hub.Api.Auth;

/// <summary>
/// One grant of a fine-grained token: a repository (by id, so renames keep it) or a whole namespace (user or
/// organization, by id), with <c>read</c> or <c>write</c> access.
/// </summary>
public sealed record TokenScope(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("access")] string Access)
{
    public const string Repo = "repo";
    public const string Namespace = "namespace";
}
