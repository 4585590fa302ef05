using System.Text.Json.Nodes;

namespace Hub.Api.Features.Indexing;

/// <summary>
/// What one commit holds, as repo info and search show it.
/// </summary>
/// <param name="IndexedData">
/// <c>config</c>, <c>safetensors</c>, <c>onnx</c>, <c>gguf</c>, <c>mask_token</c>, and the problems found:
/// <c>cardError</c> (invalid metadata YAML), <c>cardWarnings</c>, <c>indexErrors</c> (unreadable weight headers).
/// </param>
/// <param name="BytesRead">Bytes of weight files read from storage (headers only).</param>
public sealed record RevisionIndex(
    string CommitId,
    DateTimeOffset LastModified,
    JsonObject? CardData,
    string? PipelineTag,
    string? LibraryName,
    JsonObject IndexedData,
    IReadOnlyList<string> Tags,
    string? SearchText,
    long BytesRead);
