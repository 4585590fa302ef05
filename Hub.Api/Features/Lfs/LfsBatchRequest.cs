using System.Text.Json.Serialization;

namespace Hub.Api.Features.Lfs;

/// <summary>The git-lfs batch request (hf-api.md §2.7.3, §2.8.2).</summary>
public sealed record LfsBatchRequest(
    [property: JsonPropertyName("operation")] string? Operation,
    [property: JsonPropertyName("transfers")] IReadOnlyList<string>? Transfers,
    [property: JsonPropertyName("objects")] IReadOnlyList<LfsObjectSpec>? Objects,
    [property: JsonPropertyName("hash_algo")] string? HashAlgo);
