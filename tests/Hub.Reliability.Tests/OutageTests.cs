using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hub.Api.Hosting;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;

namespace Hub.Reliability.Tests;

/// <summary>
/// The database or the object store goes away under load: requests that need it get 503 with Retry-After (never a
/// 500), requests that do not keep working, and when it comes back the hub serves again by itself.
/// </summary>
public sealed class OutageTests
{
    private static async Task<(WebApplication App, HttpClient Client, TempDirectory Data)> StartHubAsync(Dictionary<string, string?> settings)
    {
        var data = new TempDirectory("hub-outage");
        var token = "hf_" + Guid.NewGuid().ToString("N");
        settings["Hub:DataDir"] = data.Path;
        settings["Hub:Bootstrap:AdminToken"] = token;
        settings["Logging:LogLevel:Default"] = "Warning";
        settings["Hub:RateLimits:Enabled"] = "false";
        var app = HubApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await app.StartAsync();
        var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/"), Timeout = TimeSpan.FromMinutes(2) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (app, client, data);
    }

    /// <summary>Sends <paramref name="request"/> until <paramref name="done"/> says so; every answer must be one of <paramref name="allowed"/>.</summary>
    private static async Task<HttpResponseMessage> UntilAsync(Func<Task<HttpResponseMessage>> request, Func<HttpResponseMessage, bool> done, HttpStatusCode[] allowed, TimeSpan limit)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var response = await request();
            Assert.True(allowed.Contains(response.StatusCode), $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            if (done(response)) return response;
            Assert.True(clock.Elapsed < limit, $"still {(int)response.StatusCode} after {limit}");
            await Task.Delay(250);
        }
    }

    [Fact]
    public async Task Postgres_outage_gives_503_with_retry_after_and_the_hub_recovers_alone()
    {
        await using var postgres = await ThrowawayServices.Postgres.StartAsync();
        var (app, client, data) = await StartHubAsync(new()
        {
            ["Hub:Database:Provider"] = "postgres",
            ["ConnectionStrings:Hub"] = postgres.ConnectionString,
        });
        try
        {
            var repo = await HubApi.CreateRepoAsync(client, "outage-" + Guid.NewGuid().ToString("N")[..8]);
            await HubApi.CommitOkAsync(client, repo, "one", HubApi.File("a.txt", "a"u8.ToArray()));
            using var load = new CancellationTokenSource();
            var statuses = new System.Collections.Concurrent.ConcurrentBag<HttpStatusCode>();
            var background = Enumerable.Range(0, 4).Select(i => Task.Run(async () =>
            {
                while (!load.IsCancellationRequested)
                {
                    try
                    {
                        var response = i % 2 == 0
                            ? await client.GetAsync($"api/models/{repo}", load.Token)
                            : await HubApi.CommitAsync(client, repo, "load", [HubApi.File($"load/{Guid.NewGuid():N}.txt", "x"u8.ToArray())]);
                        statuses.Add(response.StatusCode);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            })).ToList();
            await Task.Delay(1000);
            await postgres.StopAsync();

            var down = await UntilAsync(() => client.GetAsync($"api/models/{repo}"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], TimeSpan.FromMinutes(2));
            Assert.Equal("5", down.Headers.GetValues("Retry-After").Single());
            Assert.Contains("database", down.Headers.GetValues("X-Error-Message").Single(), StringComparison.Ordinal);

            await postgres.StartAgainAsync();
            await UntilAsync(() => client.GetAsync($"api/models/{repo}"), r => r.StatusCode == HttpStatusCode.OK,
                [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], TimeSpan.FromMinutes(2));
            await HubApi.CommitOkAsync(client, repo, "after", HubApi.File("b.txt", "b"u8.ToArray()));
            load.Cancel();
            await Task.WhenAll(background);
            Assert.Contains(HttpStatusCode.ServiceUnavailable, statuses);
            Assert.DoesNotContain(HttpStatusCode.InternalServerError, statuses);
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            data.Dispose();
        }
    }

    [Fact]
    public async Task Object_store_outage_gives_503_for_large_files_while_git_files_keep_serving()
    {
        await using var rgw = await ThrowawayServices.Rgw.StartAsync();
        var (app, client, data) = await StartHubAsync(new()
        {
            ["Hub:Storage:Blobs"] = "s3",
            ["Hub:Storage:S3:ServiceUrl"] = rgw.Url,
            ["Hub:Storage:S3:AccessKey"] = "TESTACCESS",
            ["Hub:Storage:S3:SecretKey"] = "TESTSECRET",
            ["Hub:Storage:S3:Bucket"] = "hub-outage",
            // Stream LFS downloads through the hub, so the hub itself needs S3 for them.
            ["Hub:Lfs:RedirectDownloads"] = "false",
        });
        try
        {
            var repo = await HubApi.CreateRepoAsync(client, "s3-outage-" + Guid.NewGuid().ToString("N")[..8]);
            var weights = Encoding.UTF8.GetBytes("weights " + Guid.NewGuid());
            await HubApi.UploadLfsAsync(client, repo, weights);
            await HubApi.CommitOkAsync(client, repo, "files", HubApi.LfsFile("model.bin", weights), HubApi.File("config.json", "{}"u8.ToArray()));
            Assert.Equal(weights, await client.GetByteArrayAsync($"{repo}/resolve/main/model.bin"));

            await rgw.StopAsync();
            var down = await UntilAsync(() => client.GetAsync($"{repo}/resolve/main/model.bin"), r => r.StatusCode == HttpStatusCode.ServiceUnavailable,
                [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], TimeSpan.FromMinutes(2));
            Assert.NotEmpty(down.Headers.GetValues("Retry-After").Single());
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"{repo}/resolve/main/config.json")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"api/models/{repo}")).StatusCode);
            await HubApi.CommitOkAsync(client, repo, "git only", HubApi.File("notes.md", "still writable"u8.ToArray()));

            await rgw.StartAgainAsync();
            var up = await UntilAsync(() => client.GetAsync($"{repo}/resolve/main/model.bin"), r => r.StatusCode == HttpStatusCode.OK,
                [HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable], TimeSpan.FromMinutes(2));
            Assert.Equal(weights, await up.Content.ReadAsByteArrayAsync());
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
            data.Dispose();
        }
    }
}
