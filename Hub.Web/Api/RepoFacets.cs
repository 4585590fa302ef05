using System.Text.Json.Serialization;

namespace Hub.Web.Api;

/// <summary>The facet counts of a list (most repositories first), each counted with the list's other filters applied.</summary>
public sealed record RepoFacets(
    [property: JsonPropertyName("pipeline_tag")] IReadOnlyList<FacetCount> Tasks,
    [property: JsonPropertyName("library")] IReadOnlyList<FacetCount> Libraries,
    [property: JsonPropertyName("license")] IReadOnlyList<FacetCount> Licenses,
    [property: JsonPropertyName("language")] IReadOnlyList<FacetCount> Languages,
    [property: JsonPropertyName("author")] IReadOnlyList<FacetCount> Authors)
{
    public static RepoFacets Empty { get; } = new([], [], [], [], []);
}
