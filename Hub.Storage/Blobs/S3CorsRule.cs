using Amazon.S3.Model;

namespace Hub.Storage.Blobs;

/// <summary>The bucket CORS rule that lets the web UI upload straight to presigned URLs (<see cref="S3Options.ConfigureCors"/>).</summary>
internal static class S3CorsRule
{
    public const string Id = "hub-browser-transfers";

    /// <summary>The origins to allow: none when turned off, the configured ones, the hub's public origin, else any.</summary>
    public static IReadOnlyList<string> Origins(S3Options options, string? publicBaseUrl)
    {
        if (!options.ConfigureCors) return [];
        var configured = options.CorsOrigins.Where(o => !string.IsNullOrWhiteSpace(o)).Select(o => o.Trim().TrimEnd('/')).ToArray();
        if (configured.Length > 0) return configured;
        return Uri.TryCreate(publicBaseUrl, UriKind.Absolute, out var url) ? [url.GetLeftPart(UriPartial.Authority)] : ["*"];
    }

    public static CORSRule For(IReadOnlyList<string> origins) => new()
    {
        Id = Id,
        AllowedOrigins = [.. origins],
        AllowedMethods = ["PUT", "GET", "HEAD"],
        AllowedHeaders = ["*"],
        // Multipart uploads need each part's ETag, which browsers hide unless exposed.
        ExposeHeaders = ["ETag"],
        MaxAgeSeconds = 3600,
    };

    /// <summary>True when <paramref name="existing"/> already is <paramref name="wanted"/>.</summary>
    public static bool Same(CORSRule existing, CORSRule wanted) =>
        existing.Id == wanted.Id
        && SameSet(existing.AllowedOrigins, wanted.AllowedOrigins)
        && SameSet(existing.AllowedMethods, wanted.AllowedMethods)
        && SameSet(existing.AllowedHeaders, wanted.AllowedHeaders)
        && SameSet(existing.ExposeHeaders, wanted.ExposeHeaders)
        && existing.MaxAgeSeconds == wanted.MaxAgeSeconds;

    private static bool SameSet(List<string>? a, List<string>? b) =>
        (a ?? []).Order(StringComparer.Ordinal).SequenceEqual((b ?? []).Order(StringComparer.Ordinal), StringComparer.Ordinal);
}
