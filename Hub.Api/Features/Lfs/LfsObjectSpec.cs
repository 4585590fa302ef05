using System.Text.Json.Serialization;

namespace Hub.Api.Features.Lfs;

/// <summary>One object of a batch request: <c>{oid, size}</c>.</summary>
public sealed record LfsObjectSpec(
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("size")] long? Size);
