using System.Text.Json.Serialization;

namespace Hub.Api.Features.Inference;

/// <summary>The OpenAI embeddings answer: <c>{"object": "list", "data", "model", "usage"}</c>.</summary>
public sealed record OpenAiEmbeddings(
    [property: JsonPropertyName("data")] OpenAiEmbedding[] Data,
    [property: JsonPropertyName("model")] string Model,
    [property: JsonPropertyName("usage")] OpenAiUsage Usage)
{
    [JsonPropertyName("object")]
    [JsonPropertyOrder(-1)]
    public string Kind => "list";
}
