namespace Hub.Api.Features.Webhooks;

/// <summary>One event for one webhook: where it goes, its secret, and the JSON body.</summary>
public sealed record WebhookDelivery(string WebhookId, string Url, string? Secret, byte[] Body);
