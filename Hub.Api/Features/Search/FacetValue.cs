using System.Text.Json.Serialization;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Search;

/// <summary>One value of a facet in <see cref="RepoFacetEndpoints"/>' answer.</summary>
public sealed record FacetValue([property: JsonPropertyName("value")] string Value, [property: JsonPropertyName("count")] long Count)
{
    public static FacetValue Of(RepositoryFacetCount count) => new(count.Value, count.Count);
}
