using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace Hub.Api.Tests.Webhooks;

/// <summary>A real HTTP endpoint on loopback that records the webhook deliveries it receives, in arrival order.</summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly Channel<(string? Secret, JsonObject Body)> received = Channel.CreateUnbounded<(string?, JsonObject)>();

    private WebhookReceiver(WebApplication app) => this.app = app;

    public string Url => app.Urls.First() + "/hook";

    public static async Task<WebhookReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var receiver = new WebhookReceiver(app);
        app.MapPost("/hook", async (HttpContext context) =>
        {
            var body = (await JsonNode.ParseAsync(context.Request.Body))!.AsObject();
            await receiver.received.Writer.WriteAsync((context.Request.Headers["X-Webhook-Secret"].FirstOrDefault(), body));
            return Results.Ok();
        });
        await app.StartAsync();
        return receiver;
    }

    /// <summary>The next delivery; fails the test when none arrives within a minute.</summary>
    public async Task<(string? Secret, JsonObject Body)> NextAsync()
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        try
        {
            return await received.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException("No webhook delivery arrived within a minute.");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
