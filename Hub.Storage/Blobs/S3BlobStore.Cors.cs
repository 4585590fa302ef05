using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace Hub.Storage.Blobs;

internal sealed partial class S3BlobStore
{
    /// <summary>
    /// Puts <see cref="S3CorsRule"/> on the bucket beside any rules an operator added, unless it is there already. A
    /// store that refuses (no permission, no CORS support) is logged, not fatal: uploads from other clients still work.
    /// </summary>
    private async Task ConfigureCorsAsync(CancellationToken cancellationToken)
    {
        if (_corsOrigins.Count == 0)
            return;
        var wanted = S3CorsRule.For(_corsOrigins);
        try
        {
            List<CORSRule> rules = [];
            try
            {
                var current = await _client.GetCORSConfigurationAsync(new GetCORSConfigurationRequest { BucketName = _bucket }, cancellationToken);
                rules = current.Configuration?.Rules ?? [];
            }
            catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
            {
                // No CORS configuration yet.
            }
            if (rules.Any(r => S3CorsRule.Same(r, wanted)))
                return;
            rules.RemoveAll(r => r.Id == S3CorsRule.Id);
            rules.Add(wanted);
            await _client.PutCORSConfigurationAsync(
                new PutCORSConfigurationRequest { BucketName = _bucket, Configuration = new CORSConfiguration { Rules = rules } }, cancellationToken);
            LogCorsConfigured(_logger, _bucket, string.Join(' ', _corsOrigins));
        }
        catch (AmazonS3Exception e)
        {
            LogCorsFailed(_logger, e, _bucket);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Set the CORS rule of the S3 bucket {Bucket} for browser transfers from {Origins}")]
    private static partial void LogCorsConfigured(ILogger logger, string bucket, string origins);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not set the CORS rule of the S3 bucket {Bucket}: browsers cannot upload to it directly until it is set")]
    private static partial void LogCorsFailed(ILogger logger, Exception exception, string bucket);
}
