using Hub.Api.Features.Files;
using Hub.Storage.Blobs;
using Hub.Storage.Git;

namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// Opens files of a revision for indexing: an LFS file through ranged reads of its blob (S3 ranged GETs, or file
/// seeks), a regular file from git (small by the push rules, so read whole).
/// </summary>
public sealed class IndexedFileSource(IGitRepositoryStore git, IBlobStore blobs)
{
    /// <summary>Regular files above this size are not indexed (pushes refuse larger non-LFS files anyway).</summary>
    private const int MaxGitBlob = 16 * 1024 * 1024;

    public IndexedFile Open(string repoId, RepoFileEntry file)
    {
        if (file.Lfs is { } lfs)
        {
            var key = BlobKeys.Lfs(lfs.Oid);
            return new IndexedFile(file.Entry.Path, lfs.Size, async (offset, count, ct) =>
            {
                await using var stream = await blobs.OpenReadAsync(key, new ByteRange(offset, count), ct);
                return await ReadFullyAsync(stream, count, ct);
            });
        }
        byte[]? whole = null;
        return new IndexedFile(file.Entry.Path, file.Entry.Size, async (offset, count, ct) =>
        {
            whole ??= await git.ReadBlobAsync(repoId, file.Entry.ObjectId, MaxGitBlob, ct)
                      ?? throw new InvalidDataException($"{file.Entry.Path}: too large to index without git-lfs.");
            return whole.AsSpan((int)offset, count).ToArray();
        });
    }

    private static async Task<byte[]> ReadFullyAsync(Stream stream, int count, CancellationToken ct)
    {
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return read == count ? buffer : buffer[..read];
    }
}
