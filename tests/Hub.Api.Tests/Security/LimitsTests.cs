using System.Net;
using System.Net.Http.Json;

namespace Hub.Api.Tests.Security;

/// <summary>Rate limits per token or address with IETF headers, and brute-force limits on logins and tokens.</summary>
public sealed class LimitsTests
{
    private static async Task<T> WithHubAsync<T>(Dictionary<string, string?> settings, Func<SecurityHub, Task<T>> test)
    {
        var hub = new SecurityHub(production: false, settings);
        await hub.InitializeAsync();
        try
        {
            return await test(hub);
        }
        finally
        {
            await hub.DisposeAsync();
        }
    }

    [Fact]
    public Task Api_quota_per_token_answers_429_with_retry_after_and_ratelimit_headers() =>
        WithHubAsync(new() { ["Hub:RateLimits:Api"] = "5", ["Hub:RateLimits:Resolve"] = "1000" }, async hub =>
        {
            var (_, token) = await hub.CreateUserAsync();
            var (_, other) = await hub.CreateUserAsync();
            var client = hub.Client(token);
            for (var i = 0; i < 5; i++)
            {
                var ok = await client.GetAsync("api/whoami-v2");
                Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
                Assert.StartsWith($"\"api\";r={4 - i};t=", ok.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
                Assert.Equal("\"fixed window\";\"api\";q=5;w=60", ok.Headers.GetValues("RateLimit-Policy").Single());
            }
            var limited = await client.GetAsync("api/whoami-v2");
            Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
            Assert.InRange(int.Parse(limited.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture), 1, 60);
            Assert.StartsWith("\"api\";r=0;t=", limited.Headers.GetValues("RateLimit").Single(), StringComparison.Ordinal);
            Assert.Contains("Rate limit reached", limited.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
            // Another token has its own quota; downloads have their own bucket.
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(other).GetAsync("api/whoami-v2")).StatusCode);
            Assert.NotEqual(HttpStatusCode.TooManyRequests, (await client.GetAsync("nobody/nothing/resolve/main/x")).StatusCode);
            return 0;
        });

    [Fact]
    public Task Inference_has_its_own_quota() =>
        WithHubAsync(new() { ["Hub:RateLimits:Inference"] = "2" }, async hub =>
        {
            var client = hub.Client(hub.AdminToken);
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < 3; i++) statuses.Add((await client.PostAsJsonAsync("models/nobody/nothing", new { inputs = "x" })).StatusCode);
            Assert.Equal([HttpStatusCode.NotFound, HttpStatusCode.NotFound, HttpStatusCode.TooManyRequests], statuses);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("api/whoami-v2")).StatusCode);
            return 0;
        });

    [Fact]
    public Task Repeated_failed_logins_lock_the_address_out_even_with_the_right_password() =>
        WithHubAsync(new() { ["Hub:Security:BruteForce:MaxLoginFailures"] = "3" }, async hub =>
        {
            var (name, _) = await hub.CreateUserAsync();
            var client = hub.Client();
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await client.PostAsJsonAsync("api/auth/login", new { username = name, password = "wrong-password" })).StatusCode);
            var locked = await client.PostAsJsonAsync("api/auth/login", new { username = name, password = "correct-horse-battery" });
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.NotEmpty(locked.Headers.GetValues("Retry-After").Single());
            return 0;
        });

    [Fact]
    public Task Repeated_invalid_tokens_lock_the_address_out_of_token_checks() =>
        WithHubAsync(new() { ["Hub:Security:BruteForce:MaxInvalidTokens"] = "3" }, async hub =>
        {
            var (_, valid) = await hub.CreateUserAsync();
            Assert.Equal(HttpStatusCode.OK, (await hub.Client(valid).GetAsync("api/whoami-v2")).StatusCode);
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client($"hf_guess{i}aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa").GetAsync("api/whoami-v2")).StatusCode);
            var locked = await hub.Client(valid).GetAsync("api/whoami-v2");
            Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
            Assert.Contains("Too many invalid tokens", locked.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);
            // Anonymous reads are not held up by it.
            Assert.Equal(HttpStatusCode.Unauthorized, (await hub.Client().GetAsync("api/whoami-v2")).StatusCode);
            return 0;
        });
}
