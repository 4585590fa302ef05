using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Bench.Api;

/// <summary>The limit for uploads: a multipart PUT straight to the same S3 server, same part size and parallelism.</summary>
public sealed class DirectS3(BenchHub hub) : IDisposable
{
    private readonly AmazonS3Client client = new(
        new BasicAWSCredentials(BenchHub.Env("HUB_TEST_S3_ACCESS_KEY"), BenchHub.Env("HUB_TEST_S3_SECRET_KEY")),
        new AmazonS3Config
        {
            ServiceURL = BenchHub.Env("HUB_TEST_S3_URL"),
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        });

    /// <summary>A multipart PUT of <paramref name="file"/>, its parts sent straight to the store or, with <paramref name="via"/>, through that relay.</summary>
    public async Task MultipartPutAsync(string file, long chunk, int parallel, CancellationToken ct, BareRelay? via = null)
    {
        var key = "bench/direct-" + Guid.NewGuid().ToString("N");
        var size = new FileInfo(file).Length;
        var start = await client.InitiateMultipartUploadAsync(hub.Bucket, key, ct);
        var count = (int)((size + chunk - 1) / chunk);
        var etags = new PartETag[count];
        // Parts go over plain HTTP PUTs to presigned URLs: the same transport the hub hands its clients.
        using var http = new HttpClient { Timeout = TimeSpan.FromHours(1) };
        await Parallel.ForEachAsync(Enumerable.Range(1, count), new ParallelOptions { MaxDegreeOfParallelism = parallel, CancellationToken = ct }, async (part, token) =>
        {
            var offset = (part - 1) * chunk;
            var length = Math.Min(chunk, size - offset);
            var url = await client.GetPreSignedURLAsync(new GetPreSignedUrlRequest
            {
                BucketName = hub.Bucket, Key = key, UploadId = start.UploadId, PartNumber = part, Verb = HttpVerb.PUT,
                Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1), Protocol = Protocol.HTTP,
            });
            if (via is not null) url = via.Via(new Uri(url)).ToString();
            await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, useAsync: true);
            stream.Position = offset;
            using var content = new StreamContent(new PartStream(stream, length), 1 << 20);
            content.Headers.ContentLength = length;
            using var response = await http.PutAsync(url, content, token);
            response.EnsureSuccessStatusCode();
            etags[part - 1] = new PartETag(part, response.Headers.ETag!.Tag);
        });
        await client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest { BucketName = hub.Bucket, Key = key, UploadId = start.UploadId, PartETags = [.. etags] }, ct);
        await client.DeleteObjectAsync(hub.Bucket, key, ct);
    }

    public void Dispose() => client.Dispose();
}
