using System.Net;
using Hub.Api.Telemetry;
using Microsoft.Extensions.Options;

namespace Hub.Api.Security;

/// <summary>Counts failed logins and invalid tokens per client address (see <see cref="BruteForceOptions"/>).</summary>
public sealed class BruteForceGuard(IOptionsMonitor<BruteForceOptions> options, TimeProvider time, ILogger<BruteForceGuard> logger)
{
    public const string Login = "login";
    public const string Token = "token";

    private readonly FixedWindowCounters counters = new(time);

    /// <summary>How long the address must wait, or null when it may try.</summary>
    public TimeSpan? RetryAfter(string kind, IPAddress? address)
    {
        var (count, resetIn) = counters.Peek(Key(kind, address), options.CurrentValue.Window);
        return count >= Max(kind) ? resetIn : null;
    }

    /// <summary>Records a failure; logs once when the address reaches the limit.</summary>
    public void Failed(string kind, IPAddress? address)
    {
        var (count, _) = counters.Hit(Key(kind, address), options.CurrentValue.Window);
        if (count == Max(kind))
        {
            ApiTelemetry.AuthFailures.Add(1, new KeyValuePair<string, object?>("lockout", kind));
            logger.LogWarning("Too many failed {Kind} attempts from {RemoteAddress}: locked out for the rest of the window", kind, address);
        }
    }

    private int Max(string kind) => kind == Login ? options.CurrentValue.MaxLoginFailures : options.CurrentValue.MaxInvalidTokens;

    private static string Key(string kind, IPAddress? address) => kind + "|" + (address?.ToString() ?? "unknown");
}
