using System.Buffers;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Hub.Bench.Api;

/// <summary>
/// The least any server can do to see an upload's bytes on their way to S3: a socket relay that takes a client's PUT
/// and passes it, unchanged, to the store on its own connection (HTTP/1.1 with a Content-Length, the request target
/// kept: presigned part URLs). No HTTP framework, no hash, no session, no auth: recv and send through one 1 MiB buffer.
/// Its time against a direct PUT is the floor of any upload path that relays, so the bench can say what part of the
/// hub's gap is the hop itself on this machine and what is the hub.
/// </summary>
public sealed class BareRelay : IAsyncDisposable
{
    private const int BufferSize = 1 << 20;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _store;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public BareRelay(Uri store)
    {
        _store = new DnsEndPoint(store.Host, store.Port);
        _listener.Start();
        _accepting = AcceptAsync();
    }

    /// <summary>The relay's own address for a URL of the store: same path and query.</summary>
    public Uri Via(Uri storeUrl) => new UriBuilder(storeUrl) { Host = "127.0.0.1", Port = ((IPEndPoint)_listener.LocalEndpoint).Port }.Uri;

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
                connections.Add(ServeAsync(await _listener.AcceptSocketAsync(_stop.Token)));
        }
        catch (OperationCanceledException)
        {
        }
        await Task.WhenAll(connections);
    }

    private async Task ServeAsync(Socket client)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
        using var store = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using (client)
            {
                await store.ConnectAsync(_store, _stop.Token);
                while (await RelayOneAsync(client, store, buffer, _stop.Token)) { }
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException)
        {
            // The client closed its connection, or the bench is over.
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private async Task<bool> RelayOneAsync(Socket client, Socket store, byte[] buffer, CancellationToken ct)
    {
        var (head, filled) = await ReadHeadAsync(client, buffer, ct);
        if (head is null) return false;
        var lines = head.Split("\r\n");
        var length = ContentLength(lines);
        var request = new StringBuilder(lines[0]).Append("\r\nHost: ").Append(_store.Host).Append(':').Append(_store.Port)
            .Append("\r\nContent-Length: ").Append(length).Append("\r\n\r\n");
        await store.SendAsync(Encoding.ASCII.GetBytes(request.ToString()), ct);
        var body = filled - (Encoding.ASCII.GetByteCount(head) + 4);
        var sent = 0L;
        if (body > 0)
        {
            await store.SendAsync(buffer.AsMemory(filled - body, body), ct);
            sent = body;
        }
        while (sent < length)
        {
            var read = await client.ReceiveAsync(buffer.AsMemory(0, (int)Math.Min(BufferSize, length - sent)), ct);
            if (read == 0) throw new IOException("The client stopped mid-body.");
            await store.SendAsync(buffer.AsMemory(0, read), ct);
            sent += read;
        }
        var (answer, answerFilled) = await ReadHeadAsync(store, buffer, ct);
        if (answer is null) throw new IOException("The store closed the connection without an answer.");
        var answerLines = answer.Split("\r\n");
        var answerBody = ContentLength(answerLines);
        var have = answerFilled - (Encoding.ASCII.GetByteCount(answer) + 4);
        var bodyBytes = new byte[answerBody];
        buffer.AsSpan(answerFilled - have, (int)Math.Min(have, answerBody)).CopyTo(bodyBytes);
        for (var at = have; at < answerBody;)
        {
            var read = await store.ReceiveAsync(bodyBytes.AsMemory((int)at), ct);
            if (read == 0) throw new IOException("The store stopped mid-answer.");
            at += read;
        }
        var etag = answerLines.FirstOrDefault(l => l.StartsWith("ETag:", StringComparison.OrdinalIgnoreCase));
        var reply = new StringBuilder(answerLines[0]).Append("\r\n");
        if (etag is not null) reply.Append(etag).Append("\r\n");
        reply.Append("Content-Length: ").Append(answerBody).Append("\r\n\r\n");
        await client.SendAsync(Encoding.ASCII.GetBytes(reply.ToString()), ct);
        if (answerBody > 0) await client.SendAsync(bodyBytes, ct);
        return true;
    }

    /// <summary>Reads up to the blank line ending a head; returns it (without the blank line) and how much of the buffer is filled.</summary>
    private static async Task<(string? Head, int Filled)> ReadHeadAsync(Socket socket, byte[] buffer, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var end = buffer.AsSpan(0, filled).IndexOf("\r\n\r\n"u8);
            if (end >= 0) return (Encoding.ASCII.GetString(buffer, 0, end), filled);
            if (filled == 64 * 1024) throw new IOException("A head over 64 KiB.");
            var read = await socket.ReceiveAsync(buffer.AsMemory(filled, 64 * 1024 - filled), ct);
            if (read == 0) return (null, filled);
            filled += read;
        }
    }

    private static long ContentLength(string[] lines) =>
        lines.Where(l => l.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase))
            .Select(l => long.Parse(l["Content-Length:".Length..].Trim(), CultureInfo.InvariantCulture)).FirstOrDefault();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
