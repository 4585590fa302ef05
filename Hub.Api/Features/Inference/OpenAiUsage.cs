using System.Text.Json.Serialization;

namespace Hub.Api.Features.Inference;

/// <summary>Tokens the inputs took.</summary>
public sealed record OpenAiUsage(
    [property: JsonPropertyName("prompt_tokens")] int PromptTokens,
    [property: JsonPropertyName("total_tokens")] int TotalTokens);
