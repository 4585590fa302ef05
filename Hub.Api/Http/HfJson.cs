using System.Globalization;

namespace Hub.Api.Http;

/// <summary>JSON conventions of the HF API (hf-api.md §1.8).</summary>
public static class HfJson
{
    /// <summary>UTC with milliseconds and a literal Z: the only form huggingface_hub's parse_datetime accepts.</summary>
    public static string Date(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>Booleans in query strings: true/false in any case (httpx, requests), or 1/0 (JS).</summary>
    public static bool? ParseBool(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "1" or "true" or "yes" => true,
        "0" or "false" or "no" => false,
        _ => null,
    };
}
