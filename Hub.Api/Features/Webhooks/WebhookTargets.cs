using System.Net;
using System.Net.Sockets;

namespace Hub.Api.Features.Webhooks;

/// <summary>
/// Where webhooks may not connect: link-local addresses (cloud metadata services, 169.254.169.254 and fe80::/10),
/// multicast and unspecified addresses. Checked on the address actually connected to, so a DNS name that resolves
/// there (or is re-pointed there later) is refused too. Private networks stay allowed: CI servers live there.
/// </summary>
public static class WebhookTargets
{
    public static bool IsForbidden(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            var b = address.GetAddressBytes();
            return b[0] == 169 && b[1] == 254 || b[0] >= 224;
        }
        return address.IsIPv6LinkLocal || address.IsIPv6Multicast;
    }

    /// <summary>A connect callback that resolves the host and connects only to allowed addresses.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !IsForbidden(a)).ToArray();
        if (allowed.Length == 0)
            throw new HttpRequestException($"Webhook target {context.DnsEndPoint.Host} resolves only to addresses webhooks may not call.");
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
