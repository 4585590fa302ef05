using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Blobs;

/// <summary>
/// Prepares the blob store when the host starts (S3: the bucket; filesystem: folders, stale temporary files).
/// </summary>
/// <remarks>
/// A failure is logged, not thrown: a store that is briefly unreachable at start should not crash-loop the host, /health
/// reports it, and the stores repeat the preparation lazily on first use.
/// </remarks>
internal sealed partial class BlobStoreInitializer(IBlobStore store, ILogger<BlobStoreInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (store is not IInitializableBlobStore initializable)
            return;
        try
        {
            await initializable.InitializeAsync(cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogInitializationFailed(logger, e, store.Kind);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not prepare the {Kind} blob store at start; it will retry on first use")]
    private static partial void LogInitializationFailed(ILogger logger, Exception exception, string kind);
}
