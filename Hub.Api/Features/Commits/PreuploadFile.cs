using System.Text.Json.Serialization;

namespace Hub.Api.Features.Commits;

/// <summary>One file asked about: path, size, base64 sample of its first bytes.</summary>
public sealed record PreuploadFile(
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("sample")] string? Sample);
