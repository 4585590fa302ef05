using System.Security.Cryptography;
using System.Text.Json;
using Hub.Storage.Metadata.Entities;
using Microsoft.EntityFrameworkCore;

namespace Hub.Storage.Metadata.Webhooks;

/// <remarks>
/// Every commit and push asks <see cref="WatchingAsync"/>, so the enabled webhooks are kept in memory while
/// <see cref="MetadataChanges.IsLive"/>, and dropped in every process when any of them changes.
/// </remarks>
internal sealed class WebhookStore : IWebhookStore
{
    private readonly IHubDbContextFactory factory;
    private readonly MetadataChanges changes;
    private volatile IReadOnlyList<WebhookRecord>? enabled;

    public WebhookStore(IHubDbContextFactory factory, MetadataChanges changes)
    {
        this.factory = factory;
        this.changes = changes;
        changes.Subscribe(topic =>
        {
            if (topic is MetadataChanges.Webhooks or "*") enabled = null;
        });
    }

    public async Task<WebhookRecord> AddAsync(long ownerUserId, string url, string? secret, IReadOnlyList<WatchedItem> watched, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var entity = new WebhookEntity
        {
            Id = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)),
            OwnerUserId = ownerUserId,
            Url = url,
            Secret = secret,
            Watched = JsonSerializer.Serialize(watched),
            CreatedAt = DbTime.ToDb(at),
        };
        db.Webhooks.Add(entity);
        await db.SaveChangesAsync(cancellationToken);
        await changes.PublishAsync(MetadataChanges.Webhooks, cancellationToken);
        return ToRecord(entity);
    }

    public async Task<IReadOnlyList<WebhookRecord>> ListAsync(long ownerUserId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Webhooks.AsNoTracking().Where(w => w.OwnerUserId == ownerUserId).OrderBy(w => w.CreatedAt).ThenBy(w => w.Id).ToListAsync(cancellationToken);
        return rows.ConvertAll(ToRecord);
    }

    public async Task<WebhookRecord?> GetAsync(string id, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var row = await db.Webhooks.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    public async Task<bool> UpdateAsync(string id, long ownerUserId, string url, string? secret, IReadOnlyList<WatchedItem> watched, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var json = JsonSerializer.Serialize(watched);
        return await ChangedAsync(await db.Webhooks.Where(w => w.Id == id && w.OwnerUserId == ownerUserId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Url, url).SetProperty(w => w.Secret, secret).SetProperty(w => w.Watched, json), cancellationToken) > 0, cancellationToken);
    }

    public async Task<bool> SetDisabledAsync(string id, long ownerUserId, bool disabled, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ChangedAsync(await db.Webhooks.Where(w => w.Id == id && w.OwnerUserId == ownerUserId)
            .ExecuteUpdateAsync(s => s.SetProperty(w => w.Disabled, disabled), cancellationToken) > 0, cancellationToken);
    }

    public async Task<bool> DeleteAsync(string id, long ownerUserId, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await ChangedAsync(await db.Webhooks.Where(w => w.Id == id && w.OwnerUserId == ownerUserId).ExecuteDeleteAsync(cancellationToken) > 0, cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookRecord>> WatchingAsync(string type, string fullName, CancellationToken cancellationToken)
    {
        // Webhooks are few (a handful per user); the watched list is matched here rather than in SQL.
        var all = changes.IsLive ? enabled : null;
        if (all is null)
        {
            var generation = changes.Generation;
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var rows = await db.Webhooks.AsNoTracking().Where(w => !w.Disabled).ToListAsync(cancellationToken);
            all = rows.ConvertAll(ToRecord);
            // A read that overlapped a change may have missed it: not kept.
            if (changes.IsLive && changes.Generation == generation) enabled = all;
        }
        var ns = fullName.Split('/')[0];
        return [.. all.Where(w => w.Watched.Any(item =>
            (item.Type == type && string.Equals(item.Name, fullName, StringComparison.OrdinalIgnoreCase))
            || (item.Type is "user" or "org" && string.Equals(item.Name, ns, StringComparison.OrdinalIgnoreCase))))];
    }

    private async Task<bool> ChangedAsync(bool changed, CancellationToken cancellationToken)
    {
        if (changed) await changes.PublishAsync(MetadataChanges.Webhooks, cancellationToken);
        return changed;
    }

    private static WebhookRecord ToRecord(WebhookEntity e) => new(
        e.Id, e.OwnerUserId, e.Url, e.Secret, JsonSerializer.Deserialize<List<WatchedItem>>(e.Watched) ?? [], e.Disabled, DbTime.FromDb(e.CreatedAt));
}
