using Hub.Storage.Metadata.Accounts;

namespace Hub.Api.Auth;

/// <summary>
/// Deletes the rows of web sessions that ended (logged out or past <see cref="WebSessions.Lifetime"/>) more than
/// <see cref="Grace"/> ago, once an hour: every log-in adds a row, and ended ones authenticate nobody. Each hub process
/// runs it; the delete is idempotent, so no lease is needed.
/// </summary>
public sealed class WebSessionSweeper(IAccessTokenStore tokens, TimeProvider time, ILogger<WebSessionSweeper> logger) : BackgroundService
{
    /// <summary>How long an ended session's row stays (it still shows who logged in, and when, in that time).</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromDays(1);

    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    /// <summary>Deletes the sessions that ended before now minus <see cref="Grace"/>; returns how many.</summary>
    public async Task<int> SweepAsync(CancellationToken ct)
    {
        var deleted = await tokens.DeleteEndedAsync(WebSessions.Role, time.GetUtcNow() - Grace, ct);
        if (deleted > 0) logger.LogInformation("Deleted {Count} ended web sessions", deleted);
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Deleting ended web sessions failed; will retry");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
