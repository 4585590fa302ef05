using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>Branches and tags of a repository.</summary>
public sealed record RepoRefs(
    [property: JsonPropertyName("branches")] IReadOnlyList<RepoRef> Branches,
    [property: JsonPropertyName("tags")] IReadOnlyList<RepoRef> Tags);
