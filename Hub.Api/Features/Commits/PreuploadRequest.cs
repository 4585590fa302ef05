using System.Text.Json.Serialization;

namespace Hub.Api.Features.Commits;

/// <summary>Body of preupload (hf-api.md §2.7.2).</summary>
public sealed record PreuploadRequest(
    [property: JsonPropertyName("files")] IReadOnlyList<PreuploadFile>? Files,
    [property: JsonPropertyName("gitIgnore")] string? GitIgnore,
    [property: JsonPropertyName("gitAttributes")] string? GitAttributes);

/// <summary>One file asked about: path, size, base64 sample of its first bytes.</summary>
public sealed record PreuploadFile(
    [property: JsonPropertyName("path")] string? Path,
    [property: JsonPropertyName("size")] long? Size,
    [property: JsonPropertyName("sample")] string? Sample);
