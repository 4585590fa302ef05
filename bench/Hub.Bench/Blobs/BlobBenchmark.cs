using System.Globalization;
using System.Security.Cryptography;
using Hub.Storage.Blobs;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Bench.Blobs;

/// <summary>
/// <c>blobs [--size-mb N] [--runs N]</c>: PUT and GET throughput of the blob stores, each against the limit measured in
/// the same run on the same file: cp/dd for the filesystem store, curl on presigned URLs for S3.
/// </summary>
internal static class BlobBenchmark
{
    public const int BufferSize = 1 << 20;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var sizeMib = Option(args, "--size-mb", 1024);
        var runs = Option(args, "--runs", 2);
        var source = Path.Combine(Path.GetTempPath(), $"hub-bench-{Guid.NewGuid():N}.bin");
        try
        {
            var expectation = await CreateSourceAsync(source, sizeMib, cancellationToken);
            Console.WriteLine($"blobs: {sizeMib} MiB random file {source}, sha256 {expectation.Sha256[..12]}…; best of {runs} runs each");
            Console.WriteLine("blobs: page cache warm for all reads (source and objects were just written; caches are not dropped: that " +
                              "needs root and disturbs other work on this host); filesystem PUT fsyncs, and so does its limit (cp + sync FILE)");
            var context = new BlobBenchmarkContext(source, expectation, runs);
            await FileSystemBlobBenchmark.RunAsync(context, cancellationToken);
            await S3BlobBenchmark.RunAsync(context, cancellationToken);
            return 0;
        }
        finally
        {
            File.Delete(source);
        }
    }

    /// <summary>A store built the way the host builds it: AddHubBlobs over (in-memory) configuration.</summary>
    public static ServiceProvider BuildStore(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddHubBlobs(configuration).BuildServiceProvider();
    }

    public static FileStream OpenSource(string path) =>
        new(path, FileMode.Open, FileAccess.Read, FileShare.Read, 0, FileOptions.SequentialScan | FileOptions.Asynchronous);

    /// <summary>Reads the whole object and throws unless every byte came (a sink that checks, unlike Stream.Null).</summary>
    public static async Task DrainAsync(IBlobStore store, string key, long size, CancellationToken cancellationToken)
    {
        await using var stream = await store.OpenReadAsync(key, null, cancellationToken);
        var buffer = new byte[BufferSize];
        long total = 0;
        int read;
        while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            total += read;
        if (total != size)
            throw new InvalidOperationException($"Read {total} bytes of '{key}', expected {size}.");
    }

    private static async Task<BlobExpectation> CreateSourceAsync(string path, int sizeMib, CancellationToken cancellationToken)
    {
        var random = new Random(20_240_611);
        var buffer = new byte[BufferSize];
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 0))
        {
            for (var i = 0; i < sizeMib; i++)
            {
                random.NextBytes(buffer);
                hash.AppendData(buffer);
                await file.WriteAsync(buffer, cancellationToken);
            }
        }
        return new BlobExpectation((long)sizeMib * BufferSize, Convert.ToHexStringLower(hash.GetHashAndReset()));
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length && int.TryParse(args[index + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0
            ? value
            : fallback;
    }
}
