using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Hub.Testing;

namespace Hub.Api.Tests.Infrastructure;

/// <summary>Empties and removes a test bucket so test runs do not fill the throwaway Ceph OSD.</summary>
public static class S3Cleanup
{
    public static async Task DeleteBucketAsync(string bucket)
    {
        using var client = new AmazonS3Client(
            new BasicAWSCredentials(TestServices.S3AccessKey, TestServices.S3SecretKey),
            new AmazonS3Config { ServiceURL = TestServices.S3Url, ForcePathStyle = true, AuthenticationRegion = "us-east-1" });
        try
        {
            var uploads = await client.ListMultipartUploadsAsync(new ListMultipartUploadsRequest { BucketName = bucket });
            foreach (var upload in uploads.MultipartUploads ?? [])
                await client.AbortMultipartUploadAsync(bucket, upload.Key, upload.UploadId);
            ListObjectsV2Response page;
            var request = new ListObjectsV2Request { BucketName = bucket };
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
}
