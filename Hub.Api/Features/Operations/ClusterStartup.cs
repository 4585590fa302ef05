using Hub.Api.Security;
using Hub.Storage;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Operations;

/// <summary>
/// Start-up steps that let several hub processes act as one: the first data-protection key (which signs session
/// cookies) is created once for all of them, and settings that only work for one process are pointed out.
/// </summary>
/// <remarks>
/// Data-protection keys live in <c>{DataDir}/keys</c>, which processes of one deployment share (the same volume as the
/// git repositories). Left to itself, each process that finds no key creates one at its first request; processes that
/// start together would then each sign cookies with a key the others may not have loaded yet. Creating the first key
/// here, under a <see cref="ClusterLocks">cluster lock</see>, before the server listens, gives every process the same
/// key ring from its first request. Later rotations are the framework's own: a new key is written two days before the
/// current one expires, and every process rereads the ring at least daily.
/// </remarks>
internal sealed class ClusterStartup(
    ClusterLocks locks,
    IKeyManager keys,
    IOptions<SigningOptions> signing,
    IOptions<StorageOptions> storage,
    TimeProvider time,
    ILogger<ClusterStartup> logger) : IHostedService
{
    private static readonly TimeSpan KeyLifetime = TimeSpan.FromDays(90);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await EnsureDataProtectionKeyAsync(cancellationToken);
        if (!locks.IsShared) return;
        if (storage.Value.Blobs == "filesystem")
        {
            logger.LogWarning(
                "Hub:Storage:Blobs is 'filesystem' with a PostgreSQL database: run a single hub process this way, or use S3 " +
                "(Hub:Storage:Blobs=s3) before adding processes; the filesystem store serialises writes inside one process only");
        }
        if (string.IsNullOrEmpty(signing.Value.SigningKey))
        {
            logger.LogInformation(
                "Hub:Security:SigningKey is not set: signed URLs use the key kept in Hub:DataDir. Every hub process must then " +
                "share that directory, or all be given the same Hub:Security:SigningKey");
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureDataProtectionKeyAsync(CancellationToken ct)
    {
        await using var held = await locks.AcquireAsync("data-protection-keys", ct);
        var now = time.GetUtcNow();
        if (keys.GetAllKeys().Any(k => !k.IsRevoked && k.ActivationDate <= now && k.ExpirationDate > now))
            return;
        var key = keys.CreateNewKey(now, now + KeyLifetime);
        logger.LogInformation("Created data-protection key {KeyId}, valid until {Expires}", key.KeyId, key.ExpirationDate);
    }
}
