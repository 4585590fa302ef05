using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Hub.Api.Hosting;
using Hub.Inference;
using Hub.Storage.Metadata.Inference;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// In a worker process (role <c>inference</c>, pool secret set): once the server listens, writes the worker's row in
/// <c>inference_workers</c> every <see cref="InferencePoolOptions.HeartbeatSeconds"/> with its URL, execution provider,
/// loaded models, memory and queue depth; removes the row when the process stops, and now and then the rows of workers
/// that died long ago.
/// </summary>
internal sealed class WorkerHeartbeatService(
    IInferenceWorkerStore store,
    InferenceService inference,
    IServer server,
    IHostApplicationLifetime lifetime,
    IOptions<HubOptions> hub,
    IOptions<InferencePoolOptions> options,
    TimeProvider time,
    ILogger<WorkerHeartbeatService> logger) : BackgroundService
{
    private static readonly TimeSpan Housekeeping = TimeSpan.FromMinutes(1);

    private readonly string id = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly DateTimeOffset startedAt = time.GetUtcNow();
    private bool registered;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!hub.Value.HasRole("inference") || settings.Secret is null) return;
        if (!await StartedAsync(stoppingToken)) return;
        var url = AdvertisedUrl(settings);
        logger.LogInformation("Inference worker {Worker} joins the pool at {Url} on {Provider}", id, url, inference.Provider);
        var interval = TimeSpan.FromSeconds(settings.HeartbeatSeconds);
        var lastHousekeeping = long.MinValue;
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                var health = inference.Health();
                var now = time.GetUtcNow();
                await store.HeartbeatAsync(new InferenceWorkerRecord(id, url, health.Provider, health.LoadedModels, health.MemoryBytes,
                    health.MemoryBudgetBytes, health.QueueLength, startedAt, now), stoppingToken);
                registered = true;
                if (lastHousekeeping == long.MinValue || time.GetElapsedTime(lastHousekeeping) > Housekeeping)
                {
                    lastHousekeeping = time.GetTimestamp();
                    var cutoff = TimeSpan.FromSeconds(Math.Max(settings.WorkerTimeoutSeconds * 10, 300));
                    await store.RemoveStaleAsync(now - cutoff, stoppingToken);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Inference worker {Worker} could not write its heartbeat", id);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (!registered) return;
        try
        {
            await store.RemoveAsync(id, cancellationToken);
            logger.LogInformation("Inference worker {Worker} left the pool", id);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Inference worker {Worker} could not remove its registration; it expires with its heartbeat", id);
        }
    }

    private async Task<bool> StartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        using var onStopping = stoppingToken.Register(() => started.TrySetCanceled(stoppingToken));
        try
        {
            await started.Task;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private string AdvertisedUrl(InferencePoolOptions settings)
    {
        if (settings.AdvertiseUrl is { } configured) return configured.ToString().TrimEnd('/');
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.FirstOrDefault(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"The worker listens on no address; set {InferencePoolOptions.Section}:AdvertiseUrl.");
        var uri = new UriBuilder(address.Replace("://+", "://0.0.0.0", StringComparison.Ordinal).Replace("://*", "://0.0.0.0", StringComparison.Ordinal));
        // Listening on every address: advertise this machine's own (a pod's IP), which other machines can reach.
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = MachineAddress() ?? Environment.MachineName;
        return uri.Uri.ToString().TrimEnd('/');
    }

    private static string? MachineAddress() =>
        NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .FirstOrDefault(a => a.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))?.ToString();
}
