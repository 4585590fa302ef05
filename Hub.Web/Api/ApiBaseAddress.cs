using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace Hub.Web.Api;

/// <summary>
/// Where the UI reaches the API: <c>Hub:Web:ApiBaseUrl</c> when set (a web-only process in front of API processes),
/// else this host's own listening address, on loopback and preferably plain HTTP.
/// </summary>
public sealed class ApiBaseAddress(IServer server, IOptions<WebOptions> options)
{
    private Uri? resolved;

    public Uri Get() => resolved ??= Resolve();

    private Uri Resolve()
    {
        if (options.Value.ApiBaseUrl is { } configured) return new Uri(configured.ToString().TrimEnd('/') + "/");
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var address = addresses.OrderBy(a => a.StartsWith("https:", StringComparison.OrdinalIgnoreCase) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The web UI cannot find the API: the host listens nowhere yet. Set Hub:Web:ApiBaseUrl.");
        var uri = new Uri(address.Replace("://*", "://localhost", StringComparison.Ordinal).Replace("://+", "://localhost", StringComparison.Ordinal));
        var host = uri.Host is "0.0.0.0" ? "127.0.0.1" : uri.Host is "[::]" or "::" ? "[::1]" : uri.Host;
        return new UriBuilder(uri.Scheme, host, uri.Port, "/").Uri;
    }
}
