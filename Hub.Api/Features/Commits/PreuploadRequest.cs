using System.Text.Json.Serialization;

namespace Hub.Api.Features.Commits;

/// <summary>Body of preupload (hf-api.md §2.7.2).</summary>
public sealed record PreuploadRequest(
    [property: JsonPropertyName("files")] IReadOnlyList<PreuploadFile>? Files,
    [property: JsonPropertyName("gitIgnore")] string? GitIgnore,
    [property: JsonPropertyName("gitAttributes")] string? GitAttributes);
