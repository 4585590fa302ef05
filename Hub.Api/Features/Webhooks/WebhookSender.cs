using System.Diagnostics.Metrics;
using System.Net.Http.Headers;

namespace Hub.Api.Features.Webhooks;

/// <summary>
/// Posts queued webhook deliveries: JSON, <c>X-Webhook-Secret</c> when the webhook has one, 10 s per attempt, three
/// attempts (1 s and 5 s apart) on a connection failure or a 5xx/429; counted in <c>hub.webhooks.deliveries</c> by outcome.
/// </summary>
public sealed class WebhookSender(WebhookNotifier notifier, TimeProvider time, IConfiguration configuration, ILogger<WebhookSender> logger) : BackgroundService
{
    private static readonly Meter Meter = new("Hub.Webhooks");
    private static readonly Counter<long> Deliveries = Meter.CreateCounter<long>("hub.webhooks.deliveries", description: "Webhook deliveries by outcome");
    private static readonly TimeSpan[] Backoff = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
    private readonly HttpClient http = new(new SocketsHttpHandler { AllowAutoRedirect = false, PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectCallback = (c, ct) => WebhookTargets.ConnectAsync(c, configuration.GetValue<bool>(WebhookTargets.AllowLoopbackSetting), ct) }) { Timeout = TimeSpan.FromSeconds(10) };

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var delivery in notifier.Queue.ReadAllAsync(stoppingToken))
        {
            var outcome = await SendAsync(delivery, stoppingToken);
            Deliveries.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
        }
    }

    private async Task<string> SendAsync(WebhookDelivery delivery, CancellationToken stoppingToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(delivery.Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.UserAgent.ParseAdd("Hub-Webhooks/1.0");
                if (delivery.Secret is { Length: > 0 } secret) request.Headers.TryAddWithoutValidation("X-Webhook-Secret", secret);
                using var response = await http.SendAsync(request, stoppingToken);
                var status = (int)response.StatusCode;
                if (status < 300) return "delivered";
                if (status < 500 && status != 429 || attempt >= Backoff.Length)
                {
                    logger.LogWarning("Webhook {Webhook} answered {Status}; delivery dropped", delivery.WebhookId, status);
                    return "refused";
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !stoppingToken.IsCancellationRequested)
            {
                if (attempt >= Backoff.Length)
                {
                    logger.LogWarning("Webhook {Webhook} could not be reached: {Reason}; delivery dropped", delivery.WebhookId, e.Message);
                    return "failed";
                }
            }
            await Task.Delay(Backoff[attempt], time, stoppingToken);
        }
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }
}
