using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hub.Api.Http;

/// <summary>
/// An error in the shape the Hugging Face clients parse (hf-api.md §1.5): status, <c>X-Error-Code</c>,
/// <c>X-Error-Message</c> and a JSON body <c>{"error": "..."}</c>.
/// </summary>
public sealed class HfError(int statusCode, string message, string? code = null, IReadOnlyDictionary<string, string>? headers = null)
    : IResult, IStatusCodeHttpResult
{
    /// <summary>Messages stay readable (apostrophes, non-ASCII); the body is JSON, never HTML, so nothing needs escaping for a browser.</summary>
    private static readonly JsonSerializerOptions JsonOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public int StatusCode { get; } = statusCode;

    public string Message { get; } = message;

    public string? Code { get; } = code;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        if (Code is not null) response.Headers["X-Error-Code"] = Code;
        // Header values must be ASCII without line breaks.
        response.Headers["X-Error-Message"] = HeaderSafe(Message);
        if (headers is not null)
            foreach (var (k, v) in headers) response.Headers[k] = v;
        response.ContentType = "application/json";
        if (HttpMethods.IsHead(httpContext.Request.Method)) return;
        await response.WriteAsync(JsonSerializer.Serialize(new { error = WellFormed(Message) }, JsonOptions), httpContext.RequestAborted);
    }

    /// <summary>Messages may quote client input; an unpaired surrogate in it would make the JSON writer throw.</summary>
    private static string WellFormed(string value)
    {
        if (!value.Any(char.IsSurrogate)) return value;
        var chars = value.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if (char.IsHighSurrogate(chars[i]) && i + 1 < chars.Length && char.IsLowSurrogate(chars[i + 1])) i++;
            else if (char.IsSurrogate(chars[i])) chars[i] = '�';
        }
        return new string(chars);
    }

    private static string HeaderSafe(string value)
    {
        var chars = value.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray();
        return new string(chars);
    }
}
