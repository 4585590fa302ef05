using Hub.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Bench.Blobs.Measurement;

namespace Hub.Bench.Blobs;

/// <summary>The filesystem store against cp (+ fsync) and dd on the same filesystem.</summary>
internal static class FileSystemBlobBenchmark
{
    public static async Task RunAsync(BlobBenchmarkContext context, CancellationToken cancellationToken)
    {
        // Same filesystem as the source, as cp's copy, so both measure the same disk.
        var root = Path.Combine(Path.GetTempPath(), $"hub-bench-blobs-{Guid.NewGuid():N}");
        Directory.CreateDirectory(root);
        try
        {
            await using var provider = BlobBenchmark.BuildStore(new()
            {
                ["Hub:Storage:Blobs"] = "filesystem",
                ["Hub:Storage:BlobRoot"] = root,
            });
            var store = provider.GetRequiredService<IBlobStore>();
            var key = BlobKeys.Lfs(context.Expectation.Sha256);
            var copy = Path.Combine(root, "cp-copy.bin");

            var cp = await BestOfAsync(context.Runs, () =>
            {
                File.Delete(copy);
                return TimeProcessAsync("sh", ["-c", "cp \"$1\" \"$2\" && sync \"$2\"", "sh", context.Source, copy], cancellationToken);
            });
            var put = await BestOfAsync(context.Runs, async () =>
            {
                await store.DeleteAsync(key, cancellationToken);
                await using var source = BlobBenchmark.OpenSource(context.Source);
                return await TimeAsync(() => store.PutAsync(key, source, context.Expectation, cancellationToken));
            });
            Report("filesystem", "PUT", context.Size, put, "cp+fsync", cp);

            // dd with the store's 1 MiB reads: cat's 128 KiB reads would make the limit slower than the store.
            var dd = await BestOfAsync(context.Runs,
                () => TimeProcessAsync("dd", [$"if={copy}", "of=/dev/null", $"bs={BlobBenchmark.BufferSize}", "status=none"], cancellationToken));
            var get = await BestOfAsync(context.Runs, () => TimeAsync(() => BlobBenchmark.DrainAsync(store, key, context.Size, cancellationToken)));
            Report("filesystem", "GET", context.Size, get, "dd bs=1M", dd);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
