using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>A branch or tag and the commit it points at.</summary>
public sealed record RepoRef(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("targetCommit")] string TargetCommit);
