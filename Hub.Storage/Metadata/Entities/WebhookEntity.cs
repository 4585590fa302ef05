namespace Hub.Storage.Metadata.Entities;

/// <summary>A user's webhook: where repository events go, for which watched repositories and namespaces.</summary>
internal sealed class WebhookEntity
{
    public required string Id { get; set; }
    public long OwnerUserId { get; set; }
    public required string Url { get; set; }
    public string? Secret { get; set; }

    /// <summary>JSON array of <c>{type, name}</c>: <c>model|dataset|space</c> with a repo id, or <c>user|org</c> with a namespace.</summary>
    public required string Watched { get; set; }

    public bool Disabled { get; set; }
    public DateTime CreatedAt { get; set; }
}
