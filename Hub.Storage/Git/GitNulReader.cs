using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;

namespace Hub.Storage.Git;

/// <summary>Reads NUL-terminated UTF-8 tokens from git's <c>-z</c> output as it streams, so a walk can stop early.</summary>
internal static class GitNulReader
{
    public static async IAsyncEnumerable<string> ReadTokensAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(64 * 1024);
        var pending = new ArrayBufferWriter<byte>();
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(), cancellationToken)) > 0)
            {
                var chunk = buffer.AsMemory(0, read);
                int nul;
                while ((nul = chunk.Span.IndexOf((byte)0)) >= 0)
                {
                    pending.Write(chunk.Span[..nul]);
                    yield return Encoding.UTF8.GetString(pending.WrittenSpan);
                    pending.Clear();
                    chunk = chunk[(nul + 1)..];
                }

                pending.Write(chunk.Span);
            }

            if (pending.WrittenCount > 0)
                yield return Encoding.UTF8.GetString(pending.WrittenSpan);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
