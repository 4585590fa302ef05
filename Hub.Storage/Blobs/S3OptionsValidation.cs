using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Hub.Storage.Blobs;

/// <summary>Checks <c>Hub:Storage:S3</c> at start when the S3 store is chosen, so a typo fails the start, not the first upload.</summary>
internal sealed partial class S3OptionsValidation : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        if (options.Blobs != "s3")
            return ValidateOptionsResult.Skip;
        var s3 = options.S3;
        var failures = new List<string>();
        if (s3.Bucket is null || !BucketRegex().IsMatch(s3.Bucket))
            failures.Add("Hub:Storage:S3:Bucket must be a valid S3 bucket name (3-63 of a-z, 0-9, '.', '-').");
        if (string.IsNullOrWhiteSpace(s3.Region))
            failures.Add("Hub:Storage:S3:Region is required (the signing region; 'us-east-1' suits most non-AWS stores).");
        if (!IsHttpUrl(s3.ServiceUrl))
            failures.Add("Hub:Storage:S3:ServiceUrl must be an absolute http(s) URL when set.");
        if (!IsHttpUrl(s3.PublicUrl))
            failures.Add("Hub:Storage:S3:PublicUrl must be an absolute http(s) URL when set.");
        if (string.IsNullOrEmpty(s3.AccessKey) != string.IsNullOrEmpty(s3.SecretKey))
            failures.Add("Hub:Storage:S3:AccessKey and SecretKey are set together (or both left out for the AWS credential chain).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsHttpUrl(string? value) =>
        string.IsNullOrEmpty(value)
        || (Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));

    [GeneratedRegex("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$")]
    private static partial Regex BucketRegex();
}
