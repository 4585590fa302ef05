namespace Hub.Storage.Metadata.Webhooks;

/// <summary>A webhook as stored: owner, target URL, optional secret (sent as <c>X-Webhook-Secret</c>), what it watches.</summary>
public sealed record WebhookRecord(string Id, long OwnerUserId, string Url, string? Secret, IReadOnlyList<WatchedItem> Watched, bool Disabled, DateTimeOffset CreatedAt);
