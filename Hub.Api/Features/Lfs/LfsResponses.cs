using System.Text.Json;
using Hub.Api.Http;

namespace Hub.Api.Features.Lfs;

/// <summary>git-lfs replies: <c>application/vnd.git-lfs+json</c>, errors with both <c>message</c> (git-lfs) and <c>error</c> (HF clients).</summary>
public static class LfsResponses
{
    public const string ContentType = "application/vnd.git-lfs+json";

    public static IResult Json(object body, int status = 200) =>
        TypedResults.Content(JsonSerializer.Serialize(body), ContentType, System.Text.Encoding.UTF8, status);

    public static IResult Error(int status, string message, bool askForCredentials = false)
    {
        var headers = new Dictionary<string, string>();
        if (askForCredentials)
        {
            headers["LFS-Authenticate"] = "Basic realm=\"Hub\"";
            headers["WWW-Authenticate"] = "Basic realm=\"Hub\"";
        }
        return new LfsError(status, message, headers);
    }

    private sealed class LfsError(int status, string message, Dictionary<string, string> headers) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = status;
            foreach (var (k, v) in headers) response.Headers[k] = v;
            response.Headers["X-Error-Message"] = message;
            response.ContentType = ContentType;
            await response.WriteAsync(JsonSerializer.Serialize(new { message, error = message }), httpContext.RequestAborted);
        }
    }

    /// <summary>Maps an <see cref="HfError"/> from the repository lookup to the git-lfs shape.</summary>
    public static IResult FromLookup(IResult error) => error is HfError hf
        ? Error(hf.StatusCode, hf.Message, askForCredentials: hf.StatusCode == 401)
        : error;
}
