namespace Hub.Storage.Metadata.Webhooks;

/// <summary>Webhooks of users (huggingface.co's <c>/api/settings/webhooks</c>).</summary>
public interface IWebhookStore
{
    /// <summary>Creates a webhook with a new random id.</summary>
    Task<WebhookRecord> AddAsync(long ownerUserId, string url, string? secret, IReadOnlyList<WatchedItem> watched, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>The owner's webhooks, oldest first.</summary>
    Task<IReadOnlyList<WebhookRecord>> ListAsync(long ownerUserId, CancellationToken cancellationToken);

    /// <summary>The webhook with this id, whoever owns it; null when none.</summary>
    Task<WebhookRecord?> GetAsync(string id, CancellationToken cancellationToken);

    /// <summary>Replaces URL, secret and watched items of the owner's webhook; false when the owner has no such webhook.</summary>
    Task<bool> UpdateAsync(string id, long ownerUserId, string url, string? secret, IReadOnlyList<WatchedItem> watched, CancellationToken cancellationToken);

    /// <summary>Turns the owner's webhook off or on; false when the owner has no such webhook.</summary>
    Task<bool> SetDisabledAsync(string id, long ownerUserId, bool disabled, CancellationToken cancellationToken);

    /// <summary>Deletes the owner's webhook; false when the owner has no such webhook.</summary>
    Task<bool> DeleteAsync(string id, long ownerUserId, CancellationToken cancellationToken);

    /// <summary>Enabled webhooks watching the repository <paramref name="type"/>:<paramref name="fullName"/> or its namespace.</summary>
    Task<IReadOnlyList<WebhookRecord>> WatchingAsync(string type, string fullName, CancellationToken cancellationToken);
}
