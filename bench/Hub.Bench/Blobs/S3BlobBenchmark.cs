using Amazon.Runtime;
using Amazon.S3;
using Hub.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection;
using static Hub.Bench.Blobs.Measurement;

namespace Hub.Bench.Blobs;

/// <summary>The S3 store against curl on presigned URLs of the same store, in a throwaway bucket.</summary>
internal static class S3BlobBenchmark
{
    private static readonly TimeSpan UrlLifetime = TimeSpan.FromHours(1);

    public static async Task RunAsync(BlobBenchmarkContext context, CancellationToken cancellationToken)
    {
        var url = Environment.GetEnvironmentVariable("HUB_TEST_S3_URL");
        var accessKey = Environment.GetEnvironmentVariable("HUB_TEST_S3_ACCESS_KEY");
        var secretKey = Environment.GetEnvironmentVariable("HUB_TEST_S3_SECRET_KEY");
        if (string.IsNullOrEmpty(url) || string.IsNullOrEmpty(accessKey) || string.IsNullOrEmpty(secretKey))
        {
            Console.WriteLine("blobs s3: not measured (set HUB_TEST_S3_URL, HUB_TEST_S3_ACCESS_KEY, HUB_TEST_S3_SECRET_KEY)");
            return;
        }
        var bucket = $"hub-bench-{Guid.NewGuid():N}";
        await using var provider = BlobBenchmark.BuildStore(new()
        {
            ["Hub:Storage:Blobs"] = "s3",
            ["Hub:Storage:S3:ServiceUrl"] = url,
            ["Hub:Storage:S3:AccessKey"] = accessKey,
            ["Hub:Storage:S3:SecretKey"] = secretKey,
            ["Hub:Storage:S3:Bucket"] = bucket,
        });
        var store = provider.GetRequiredService<IBlobStore>();
        var key = BlobKeys.Lfs(context.Expectation.Sha256);
        var staging = BlobKeys.Staging("bench-curl");
        var promoted = "bench/promoted";
        try
        {
            // The first call creates the bucket; keep that out of the timings.
            await store.GetInfoAsync(key, cancellationToken);

            var curlPut = await BestOfAsync(context.Runs, () => Curl(["-T", context.Source, Url(store.GetDirectWriteUrl(staging, UrlLifetime))], cancellationToken));
            var put = await BestOfAsync(context.Runs, async () =>
            {
                await using var source = BlobBenchmark.OpenSource(context.Source);
                return await TimeAsync(() => store.PutAsync(key, source, context.Expectation, cancellationToken));
            });
            Report("s3", "PUT", context.Size, put, "curl presigned", curlPut);

            var curlGet = await BestOfAsync(context.Runs, () => Curl([Url(store.GetDirectReadUrl(key, UrlLifetime))], cancellationToken));
            var get = await BestOfAsync(context.Runs, () => TimeAsync(() => BlobBenchmark.DrainAsync(store, key, context.Size, cancellationToken)));
            Report("s3", "GET", context.Size, get, "curl presigned", curlGet);

            // Promotion of a client's direct upload re-reads it once (hash) and copies it server-side: its limit is one GET.
            var promote = await BestOfAsync(context.Runs, async () =>
            {
                await store.DeleteAsync(promoted, cancellationToken);
                await Curl(["-T", context.Source, Url(store.GetDirectWriteUrl(staging, UrlLifetime))], cancellationToken);
                return await TimeAsync(() => store.PromoteAsync(staging, promoted, context.Expectation, cancellationToken));
            });
            Report("s3", "PROMOTE", context.Size, promote, "curl GET", curlGet);
        }
        finally
        {
            foreach (var leftover in new[] { key, staging, promoted })
                await store.DeleteAsync(leftover, CancellationToken.None);
            using var client = new AmazonS3Client(new BasicAWSCredentials(accessKey, secretKey),
                new AmazonS3Config { ServiceURL = url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
            await client.DeleteBucketAsync(bucket, CancellationToken.None);
        }
    }

    private static string Url(Uri? url) => url?.ToString() ?? throw new InvalidOperationException("The S3 store gave no direct URL.");

    private static Task<TimeSpan> Curl(IReadOnlyList<string> arguments, CancellationToken cancellationToken) =>
        TimeProcessAsync("curl", ["-sS", "-f", "-o", "/dev/null", .. arguments], cancellationToken);
}
