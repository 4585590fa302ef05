using System.Text.Json.Serialization;

namespace Hub.Api.Features.Lfs;

/// <summary>Body of a multipart completion or a verify call.</summary>
public sealed record LfsCompleteRequest(
    [property: JsonPropertyName("oid")] string? Oid,
    [property: JsonPropertyName("size")] long? Size);
