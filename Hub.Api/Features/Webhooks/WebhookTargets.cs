using System.Net;
using System.Net.Sockets;

namespace Hub.Api.Features.Webhooks;

/// <summary>
/// Where webhooks may not connect: link-local addresses (cloud metadata services, 169.254.169.254 and fe80::/10), the
/// metadata services that live elsewhere (AWS over IPv6 fd00:ec2::254, Alibaba Cloud 100.100.100.200, Oracle Cloud
/// 192.0.0.192), 0.0.0.0/8 ("this host"), multicast and unspecified addresses, and any of these IPv4 addresses written
/// as IPv6 (mapped, IPv4-compatible, NAT64 64:ff9b::/96, 6to4 2002::/16). Checked on the address actually connected
/// to, so a DNS name that resolves there (or is re-pointed there later) is refused too. Loopback is refused too unless
/// <c>Hub:Webhooks:AllowLoopback</c> is set: on the hub's own host listen its sidecars (a service mesh proxy's admin
/// port shuts the proxy down on a POST). Private networks stay allowed: CI servers live there.
/// </summary>
public static class WebhookTargets
{
    private static readonly IPAddress AwsMetadataV6 = IPAddress.Parse("fd00:ec2::254");

    /// <summary>The setting that lets webhooks call the hub's own host (tests, a receiver beside the hub).</summary>
    public const string AllowLoopbackSetting = "Hub:Webhooks:AllowLoopback";

    public static bool IsForbidden(IPAddress address, bool allowLoopback = false)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (IPAddress.Any.Equals(address) || IPAddress.IPv6Any.Equals(address)) return true;
        if (address.AddressFamily == AddressFamily.InterNetwork) return IsForbiddenIPv4(address.GetAddressBytes(), allowLoopback);
        if (!allowLoopback && IPAddress.IPv6Loopback.Equals(address)) return true;
        if (address.IsIPv6LinkLocal || address.IsIPv6Multicast || AwsMetadataV6.Equals(new IPAddress(address.GetAddressBytes()))) return true;
        return EmbeddedIPv4(address.GetAddressBytes()) is { } v4 && IsForbiddenIPv4(v4, allowLoopback);
    }

    private static bool IsForbiddenIPv4(byte[] b, bool allowLoopback) =>
        b[0] == 0 || b[0] == 169 && b[1] == 254 || b[0] >= 224 || !allowLoopback && b[0] == 127
        || b is [100, 100, 100, 200] || b is [192, 0, 0, 192];

    /// <summary>The IPv4 address an IPv6 one carries: IPv4-compatible (::a.b.c.d), NAT64 (64:ff9b::/96) or 6to4 (2002:AABB:CCDD::/48).</summary>
    private static byte[]? EmbeddedIPv4(byte[] v6)
    {
        if (v6[0] == 0x20 && v6[1] == 0x02) return v6[2..6];
        var nat64 = v6 is [0x00, 0x64, 0xff, 0x9b, ..];
        var compatible = v6[0] == 0 && v6[1] == 0 && v6[2] == 0 && v6[3] == 0;
        if (!(nat64 || compatible)) return null;
        for (var i = 4; i < 12; i++)
            if (v6[i] != 0) return null;
        return compatible && v6[12] == 0 && v6[13] == 0 && v6[14] == 0 ? null : v6[12..16]; // ::1 and :: are not IPv4
    }

    /// <summary>A connect callback that resolves the host and connects only to allowed addresses.</summary>
    public static async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, bool allowLoopback, CancellationToken cancellationToken)
    {
        var addresses = await Dns.GetHostAddressesAsync(context.DnsEndPoint.Host, cancellationToken);
        var allowed = addresses.Where(a => !IsForbidden(a, allowLoopback)).ToArray();
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
