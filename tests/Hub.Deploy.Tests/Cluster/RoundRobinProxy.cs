using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Hub.Deploy.Tests.Cluster;

/// <summary>
/// The load balancer in front of several hub processes, as nginx or a Kubernetes ingress would be: round robin, bodies
/// streamed both ways (no size limit, long timeouts), and the same retry rule as nginx's default
/// <c>proxy_next_upstream error</c> with <c>non_idempotent off</c>: a request goes to the next process when its
/// connection was refused (nothing was sent), or when it is a GET/HEAD without a body and failed before any response
/// byte. A refused process is skipped for a few seconds. Anything else failing reaches the client as 502.
/// </summary>
public sealed class RoundRobinProxy : IAsyncDisposable
{
    private static readonly TimeSpan DownFor = TimeSpan.FromSeconds(5);
    private readonly WebApplication app;
    private readonly HttpMessageInvoker client;
    private readonly string[] destinations;
    private readonly long[] served;
    private readonly long[] downUntil;
    private readonly Stopwatch clock = Stopwatch.StartNew();
    private long retries;
    private int next;

    private RoundRobinProxy(WebApplication app, HttpMessageInvoker client, IReadOnlyList<string> destinations)
    {
        this.app = app;
        this.client = client;
        this.destinations = [.. destinations];
        served = new long[destinations.Count];
        downUntil = new long[destinations.Count];
    }

    public string Url { get; private set; } = "";

    /// <summary>Requests answered by each destination, in the order given.</summary>
    public IReadOnlyList<long> Served => [.. served];

    /// <summary>Requests sent again to another destination after a failure.</summary>
    public long Retries => Interlocked.Read(ref retries);

    /// <summary>Points destination <paramref name="index"/> somewhere else (a process that had to start on another port).</summary>
    public void Replace(int index, string destination) => Volatile.Write(ref destinations[index], destination);

    /// <summary>Starts the proxy on <paramref name="port"/> (0: any free loopback port) in front of <paramref name="destinations"/>.</summary>
    public static async Task<RoundRobinProxy> StartAsync(IReadOnlyList<string> destinations, int port = 0)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddHttpForwarder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.WebHost.ConfigureKestrel(k =>
        {
            // Like nginx's client_max_body_size 0 / proxy-body-size "0": git pushes and hub-received uploads are large.
            k.Limits.MaxRequestBodySize = null;
            k.Limits.MinRequestBodyDataRate = null;
        });
        var app = builder.Build();
        var client = new HttpMessageInvoker(new SocketsHttpHandler
        {
            UseProxy = false,
            AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
            UseCookies = false,
            ConnectTimeout = TimeSpan.FromSeconds(5),
            ActivityHeadersPropagator = null,
            EnableMultipleHttp2Connections = true,
        });
        var proxy = new RoundRobinProxy(app, client, destinations);
        var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
        app.Run(context => proxy.ForwardAsync(context, forwarder));
        await app.StartAsync();
        proxy.Url = app.Urls.First().TrimEnd('/');
        return proxy;
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        client.Dispose();
    }

    private async Task ForwardAsync(HttpContext context, IHttpForwarder forwarder)
    {
        // Request-buffering off (nginx proxy-request-buffering off): the body streams through while the client sends it.
        context.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()!.MaxRequestBodySize = null;
        var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10) };
        for (var attempt = 0; ; attempt++)
        {
            var index = Pick();
            var error = await forwarder.SendAsync(context, Volatile.Read(ref destinations[index]), client, config, HttpTransformer.Default);
            if (error == ForwarderError.None)
            {
                Interlocked.Increment(ref served[index]);
                return;
            }
            var exception = context.Features.Get<IForwarderErrorFeature>()?.Exception;
            var refused = IsRefused(exception);
            if (refused) Volatile.Write(ref downUntil[index], clock.ElapsedMilliseconds + (long)DownFor.TotalMilliseconds);
            var replayable = refused || (IsSafeWithoutBody(context.Request) && error is ForwarderError.Request or ForwarderError.RequestTimedOut);
            if (!replayable || context.Response.HasStarted || attempt + 1 >= destinations.Length * 2) return;
            Interlocked.Increment(ref retries);
            context.Response.Clear();
            context.Features.Set<IForwarderErrorFeature>(null);
        }
    }

    private int Pick()
    {
        var now = clock.ElapsedMilliseconds;
        for (var i = 0; i < destinations.Length; i++)
        {
            var candidate = (int)((uint)Interlocked.Increment(ref next) % (uint)destinations.Length);
            if (Volatile.Read(ref downUntil[candidate]) <= now) return candidate;
        }
        // Every destination looks down: try one anyway (it may be back).
        return (int)((uint)Interlocked.Increment(ref next) % (uint)destinations.Length);
    }

    private static bool IsSafeWithoutBody(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.ContentLength is null or 0 && !request.Headers.ContainsKey("Transfer-Encoding");

    private static bool IsRefused(Exception? exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is SocketException { SocketErrorCode: SocketError.ConnectionRefused }) return true;
        return false;
    }
}
