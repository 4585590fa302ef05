using System.Text.Json.Serialization;
using Hub.Storage.Metadata.Webhooks;

namespace Hub.Api.Features.Webhooks;

/// <summary>The body of <c>POST /api/settings/webhooks[/{id}]</c>, as huggingface_hub's <c>create_webhook</c> sends it.</summary>
public sealed record WebhookRequest(
    [property: JsonPropertyName("url")] string? Url,
    [property: JsonPropertyName("watched")] IReadOnlyList<WatchedItem>? Watched,
    [property: JsonPropertyName("domains")] IReadOnlyList<string>? Domains,
    [property: JsonPropertyName("secret")] string? Secret);
