using System.Globalization;
using Hub.Api.Http;

namespace Hub.Api.Security;

/// <summary>429 in the HF error shape, with <c>Retry-After</c> in whole seconds (at least 1).</summary>
public static class TooManyRequests
{
    public static HfError Create(string message, TimeSpan retryAfter, IReadOnlyDictionary<string, string>? extraHeaders = null)
    {
        var headers = new Dictionary<string, string>(extraHeaders ?? new Dictionary<string, string>())
        {
            ["Retry-After"] = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture),
        };
        return new HfError(429, message, headers: headers);
    }

    public static long Seconds(TimeSpan value) => Math.Max(1, (long)Math.Ceiling(value.TotalSeconds));
}
