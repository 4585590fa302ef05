using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Hub.Api.Security;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.RateLimiting;

/// <summary>
/// Fixed-window quotas (<see cref="RateLimitOptions"/>) keyed by the credential — a hash of the Authorization header or
/// of the session cookie — or else by the client address. Runs before the token is looked up, so a flood costs no
/// database work. Every limited response carries the IETF draft headers huggingface_hub reads,
/// <c>RateLimit: "api";r=remaining;t=seconds</c> and <c>RateLimit-Policy: "fixed window";"api";q=quota;w=seconds</c>;
/// past the quota the answer is 429 with <c>Retry-After</c>.
/// </summary>
internal sealed class RateLimitMiddleware(RequestDelegate next, IOptionsMonitor<RateLimitOptions> options, TimeProvider time)
{
    private readonly FixedWindowCounters counters = new(time);

    public async Task InvokeAsync(HttpContext context)
    {
        var settings = options.CurrentValue;
        var bucket = settings.Enabled ? Classify(context.Request) : null;
        if (bucket is null)
        {
            await next(context);
            return;
        }
        var quota = bucket switch
        {
            "resolve" => settings.Resolve,
            "inference" => settings.Inference,
            _ => settings.Api,
        };
        var (count, resetIn) = counters.Hit(bucket + "|" + await PartitionOfAsync(context), settings.Window);
        var remaining = Math.Max(0, quota - count);
        var headers = context.Response.Headers;
        var reset = TooManyRequests.Seconds(resetIn).ToString(CultureInfo.InvariantCulture);
        var rateLimit = $"\"{bucket}\";r={remaining.ToString(CultureInfo.InvariantCulture)};t={reset}";
        var policy = $"\"fixed window\";\"{bucket}\";q={quota.ToString(CultureInfo.InvariantCulture)};w={((long)settings.Window.TotalSeconds).ToString(CultureInfo.InvariantCulture)}";
        if (count > quota)
        {
            SecurityTelemetry.RateLimited.Add(1, new KeyValuePair<string, object?>("bucket", bucket));
            await TooManyRequests.Create(
                $"Rate limit reached: {quota} {bucket} requests per {settings.Window.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s. Retry after {reset} s.",
                resetIn,
                new Dictionary<string, string> { ["RateLimit"] = rateLimit, ["RateLimit-Policy"] = policy }).ExecuteAsync(context);
            return;
        }
        headers["RateLimit"] = rateLimit;
        headers["RateLimit-Policy"] = policy;
        await next(context);
    }

    /// <summary>The bucket of a route, or null for routes without a quota (health, metrics, signed LFS transfers, git, UI).</summary>
    public static string? Classify(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/api/lfs/", StringComparison.Ordinal)) return null;
        if (path.StartsWith("/api/", StringComparison.Ordinal)) return "api";
        if (path.Contains("/resolve/", StringComparison.Ordinal) || path.Contains("/raw/", StringComparison.Ordinal)) return "resolve";
        if (HttpMethods.IsPost(request.Method)
            && (path.StartsWith("/models/", StringComparison.Ordinal) || path.StartsWith("/v2/models/", StringComparison.Ordinal)
                || path is "/v1/embeddings" or "/embeddings" or "/embed"))
            return "inference";
        return null;
    }

    /// <summary>
    /// The caller's bucket. Only a credential the hub will act on counts as one: a token (an invalid one is refused 401
    /// and counted by the brute-force guard per address) or a session cookie that the cookie handler accepts (checked
    /// without the database). Anything else — Basic without a password, an unknown scheme, a cookie that is no session —
    /// leaves the caller anonymous, so it shares its address's bucket: a fresh junk header per request bought a fresh
    /// quota.
    /// </summary>
    private static async Task<string> PartitionOfAsync(HttpContext context)
    {
        var address = "ip:" + (context.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (Auth.CallerMiddleware.ReadToken(context.Request) is { } token) return "t:" + Digest(token);
        if (context.Request.Headers.Authorization.Count > 0 || context.Request.Cookies["hub_session"] is not { Length: > 0 } session) return address;
        // The same ticket the authentication middleware reads next (the handler keeps it for the request).
        var ticket = await context.AuthenticateAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return ticket.Succeeded ? "c:" + Digest(session) : address;
    }

    private static string Digest(string value) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)).AsSpan(0, 16));
}
