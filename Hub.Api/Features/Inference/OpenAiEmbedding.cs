using System.Text.Json.Serialization;

namespace Hub.Api.Features.Inference;

/// <summary>One vector of an OpenAI embeddings answer: floats, or base64 of little-endian float32 when asked.</summary>
public sealed record OpenAiEmbedding(
    [property: JsonPropertyName("embedding")] object Embedding,
    [property: JsonPropertyName("index")] int Index)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Kind => "embedding";
}
