using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;

namespace Hub.Testing;

/// <summary>Test buckets on the throwaway Ceph RGW: a client for them, and removal with everything in them.</summary>
public static class S3Buckets
{
    /// <summary>A path-style client on the test S3 service (or on <paramref name="url"/> with those keys).</summary>
    public static AmazonS3Client Client(string? url = null, string? accessKey = null, string? secretKey = null) => new(
        new BasicAWSCredentials(accessKey ?? TestServices.S3AccessKey, secretKey ?? TestServices.S3SecretKey),
        new AmazonS3Config { ServiceURL = url ?? TestServices.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });

    /// <summary>
    /// Aborts the bucket's multipart uploads, deletes its objects and the bucket, so test runs do not fill the throwaway
    /// OSD. A bucket that was never created is fine.
    /// </summary>
    public static async Task DeleteAsync(IAmazonS3 client, string bucket)
    {
        try
        {
            var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
            foreach (var upload in uploads.MultipartUploads ?? [])
                await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
            var request = new ListObjectsV2Request { BucketName = bucket };
            ListObjectsV2Response page;
            do
            {
                page = await client.ListObjectsV2Async(request);
                foreach (var item in page.S3Objects ?? [])
                    await client.DeleteObjectAsync(bucket, item.Key);
                request.ContinuationToken = page.NextContinuationToken;
            }
            while (page.IsTruncated == true);
            await client.DeleteBucketAsync(bucket);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            // Never created: nothing to clean.
        }
    }

    /// <summary><see cref="DeleteAsync(IAmazonS3, string)"/> on the test S3 service.</summary>
    public static async Task DeleteAsync(string bucket)
    {
        using var client = Client();
        await DeleteAsync(client, bucket);
    }
}
