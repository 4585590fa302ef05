using System.Globalization;
using System.Security.Cryptography;
using System.Text.RegularExpressions;

namespace Hub.Storage.Blobs;

// Multipart uploads: .multipart/{uploadId}/ holds a "key" file (the key the upload was started for) and one file per
// part named {number:D5}.{sha256}.part. The sha256 in the name is the part's ETag, so listing needs no re-reading and a
// replaced part (new content, new name) can never be mistaken for the old one.
internal sealed partial class FileSystemBlobStore
{
    private const int MaxPartNumber = 10_000;
    private const string UploadKeyFile = "key";

    public async Task<string> StartMultipartAsync(string key, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        var uploadId = RandomNumberGenerator.GetHexString(32, lowercase: true);
        var dir = Path.Combine(_multipart, uploadId);
        Directory.CreateDirectory(dir);
        await File.WriteAllTextAsync(Path.Combine(dir, UploadKeyFile), key, cancellationToken);
        return uploadId;
    }

    public async Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, CancellationToken cancellationToken)
    {
        ValidatePartNumber(partNumber);
        var dir = await UploadDirectoryAsync(key, uploadId, cancellationToken);
        var prefix = partNumber.ToString("D5", CultureInfo.InvariantCulture);
        var tmp = Path.Combine(dir, $"{prefix}.{Guid.NewGuid():N}.tmp");
        try
        {
            var (size, sha256) = await WriteTemporaryAsync(tmp, content, null, cancellationToken);
            var part = Path.Combine(dir, $"{prefix}.{sha256}.part");
            File.Move(tmp, part, overwrite: true);
            RemoveSupersededParts(dir, prefix, new FileInfo(part));
            StorageTelemetry.BlobBytesWritten.Add(size);
            return $"\"{sha256}\"";
        }
        catch (DirectoryNotFoundException e)
        {
            throw new BlobNotFoundException($"The multipart upload '{uploadId}' was aborted.", e);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    public Task<string> PutPartAsync(string key, string uploadId, int partNumber, Stream content, long length, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        return PutPartAsync(key, uploadId, partNumber, new BoundedReadStream(content, length), cancellationToken);
    }

    public async Task<IReadOnlyList<BlobPart>> ListPartsAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        var dir = await UploadDirectoryAsync(key, uploadId, cancellationToken);
        return [.. ReadParts(dir).Values.Select(p => new BlobPart(p.Number, $"\"{p.Sha256}\"", p.Size))];
    }

    public async Task CompleteMultipartAsync(string key, string uploadId, IReadOnlyList<BlobPart> parts, CancellationToken cancellationToken)
    {
        var dir = await UploadDirectoryAsync(key, uploadId, cancellationToken);
        var files = ChooseParts(ReadParts(dir), parts);
        using var activity = StorageTelemetry.ActivitySource.StartActivity("blob.complete_multipart");
        activity?.SetTag("hub.blob.key", key);
        var tmp = NewTemporaryPath();
        try
        {
            string sha256;
            await using (var writer = HashingFileWriter.Create(tmp))
            {
                foreach (var file in files)
                {
                    await using var part = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan);
                    await writer.AppendAsync(part, null, cancellationToken);
                }
                sha256 = writer.Complete();
            }
            await PublishAsync(tmp, key, ObjectPath(key), sha256, cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException($"The multipart upload '{uploadId}' changed or was aborted while completing.", e);
        }
        finally
        {
            TryDelete(tmp);
        }
        DeleteUploadDirectory(dir);
    }

    public async Task AbortMultipartAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        try
        {
            DeleteUploadDirectory(await UploadDirectoryAsync(key, uploadId, cancellationToken));
        }
        catch (BlobNotFoundException)
        {
            // Already gone (aborted or completed): aborting is idempotent.
        }
    }

    private static void ValidatePartNumber(int partNumber)
    {
        if (partNumber is < 1 or > MaxPartNumber)
            throw new ArgumentOutOfRangeException(nameof(partNumber), partNumber, $"Part numbers run from 1 to {MaxPartNumber}.");
    }

    /// <summary>The folder of an upload started for <paramref name="key"/>; ids this store did not issue are unknown uploads.</summary>
    private async Task<string> UploadDirectoryAsync(string key, string uploadId, CancellationToken cancellationToken)
    {
        BlobKeys.Validate(key);
        // The id becomes a folder name: only the shape this store hands out may reach the filesystem.
        if (uploadId is null || !UploadIdRegex().IsMatch(uploadId))
            throw new BlobNotFoundException($"No multipart upload '{uploadId}'.");
        var dir = Path.Combine(_multipart, uploadId);
        string owner;
        try
        {
            owner = await File.ReadAllTextAsync(Path.Combine(dir, UploadKeyFile), cancellationToken);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new BlobNotFoundException($"No multipart upload '{uploadId}'.", e);
        }
        return owner == key ? dir : throw new BlobNotFoundException($"No multipart upload '{uploadId}' for '{key}'.");
    }

    private static SortedDictionary<int, StoredPart> ReadParts(string dir)
    {
        var parts = new SortedDictionary<int, StoredPart>();
        foreach (var file in new DirectoryInfo(dir).EnumerateFiles("*.part"))
        {
            var name = file.Name.Split('.');
            if (name.Length != 3 || !int.TryParse(name[0], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || !BlobKeys.IsSha256(name[1]))
                continue;
            var part = new StoredPart(number, name[1], file);
            // Two files for one number exist only for a moment while a part is replaced: the newer one wins.
            if (!parts.TryGetValue(number, out var other) || IsNewer(file, other.File))
                parts[number] = part;
        }
        return parts;
    }

    private static List<string> ChooseParts(SortedDictionary<int, StoredPart> stored, IReadOnlyList<BlobPart> parts)
    {
        if (parts is null || parts.Count == 0)
            throw new ArgumentException("A multipart upload is completed with at least one part.", nameof(parts));
        var files = new List<string>(parts.Count);
        var previous = 0;
        foreach (var part in parts)
        {
            if (part.PartNumber <= previous)
                throw new ArgumentException("Parts are listed in ascending order of part number, each once.", nameof(parts));
            previous = part.PartNumber;
            if (!stored.TryGetValue(part.PartNumber, out var found) || part.ETag?.Trim('"') != found.Sha256)
                throw new ArgumentException($"Part {part.PartNumber} does not match a stored part.", nameof(parts));
            files.Add(found.File.FullName);
        }
        return files;
    }

    private static void RemoveSupersededParts(string dir, string prefix, FileInfo current)
    {
        foreach (var file in new DirectoryInfo(dir).EnumerateFiles($"{prefix}.*.part"))
        {
            if (file.Name != current.Name && IsNewer(current, file))
                File.Delete(file.FullName);
        }
    }

    // Every writer applies the same order, so concurrent writers of one part agree on which copy survives.
    private static bool IsNewer(FileInfo a, FileInfo b) =>
        a.LastWriteTimeUtc != b.LastWriteTimeUtc ? a.LastWriteTimeUtc > b.LastWriteTimeUtc : string.CompareOrdinal(a.Name, b.Name) > 0;

    private static void DeleteUploadDirectory(string dir)
    {
        try { Directory.Delete(dir, recursive: true); }
        catch (DirectoryNotFoundException) { }
    }

    [GeneratedRegex("^[0-9a-f]{32}$")]
    private static partial Regex UploadIdRegex();

    private sealed record StoredPart(int Number, string Sha256, FileInfo File)
    {
        public long Size => File.Length;
    }
}
