using System.Buffers;
using System.Security.Cryptography;
using Microsoft.Win32.SafeHandles;

namespace Hub.Api.Features.Lfs.Inline;

/// <summary>A spilled part in a file under the hub's temp folder, for when the memory budget is taken.</summary>
internal sealed class FilePartSpill : PartSpill
{
    private readonly string _path;
    private readonly SafeFileHandle _file;

    public FilePartSpill(InlineUploadHashes owner, long length, string path)
        : base(owner, length, inMemory: false)
    {
        _path = path;
        _file = File.OpenHandle(path, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, FileOptions.None, length);
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> data, long offset, CancellationToken ct) =>
        RandomAccess.WriteAsync(_file, data, offset, ct);

    public override async Task HashAsync(IncrementalHash hash, long from, long to, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent(InlineUploadHashes.BufferSize);
        try
        {
            while (from < to)
            {
                var read = await RandomAccess.ReadAsync(_file, buffer.AsMemory(0, (int)Math.Min(buffer.Length, to - from)), from, ct);
                if (read == 0) throw new IOException("The spilled part ended early.");
                hash.AppendData(buffer, 0, read);
                from += read;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    protected override void Free()
    {
        _file.Dispose();
        InlineUploadHashes.DeleteQuietly(_path);
    }
}
