using System.Globalization;

namespace Hub.Storage.Blobs;

internal sealed partial class FileSystemBlobStore
{
    // The sha256 of an object is recorded in .meta/{key}, written before the object is renamed into place, both under the
    // key's lock. A record counts only while the object's size and modification time still match it, so a crash between
    // the two steps makes the hash unknown (null), not wrong. Another process writing the same root could still pair a
    // record with a same-size object written in the same clock tick: one process owns a root (replicas use S3), and
    // nothing that decides what gets published trusts these records (PromoteAsync hashes again).
    private string MetaPath(string key) => Path.Combine(_meta, key);

    private async Task<string?> ReadSha256Async(string key, FileInfo file, CancellationToken cancellationToken) =>
        await ReadRecordAsync(MetaPath(key), cancellationToken) is { } record && record.Describes(file) ? record.Sha256 : null;

    private static async Task<HashRecord?> ReadRecordAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return HashRecord.Parse(await File.ReadAllTextAsync(path, cancellationToken));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Records <paramref name="sha256"/> for <paramref name="key"/>, describing <paramref name="dataFile"/> (already fsynced).</summary>
    private async Task WriteRecordAsync(string key, string sha256, string dataFile, CancellationToken cancellationToken)
    {
        var file = new FileInfo(dataFile);
        var record = new HashRecord(sha256, file.Length, file.LastWriteTimeUtc.Ticks);
        var tmp = NewTemporaryPath();
        try
        {
            await File.WriteAllTextAsync(tmp, record.ToString(), cancellationToken);
            var target = MetaPath(key);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Move(tmp, target, overwrite: true);
        }
        finally
        {
            TryDelete(tmp);
        }
    }

    private readonly record struct HashRecord(string Sha256, long Size, long WriteTimeTicks)
    {
        public bool Describes(FileInfo file) => file.Exists && file.Length == Size && file.LastWriteTimeUtc.Ticks == WriteTimeTicks;

        public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Sha256} {Size} {WriteTimeTicks}\n");

        public static HashRecord? Parse(string text)
        {
            var parts = text.Trim().Split(' ');
            return parts.Length == 3 && BlobKeys.IsSha256(parts[0])
                   && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                   && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new HashRecord(parts[0], size, ticks)
                : null;
        }
    }
}
