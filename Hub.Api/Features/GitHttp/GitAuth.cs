using Hub.Api.Http;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// Refusals of the git routes in the form git shows its user. git sends no credentials first: a 401 with
/// <c>WWW-Authenticate: Basic</c> makes it ask its credential helper and retry with the token as password. git prints
/// the body of a failed request as <c>remote:</c> lines only when it is <c>text/plain</c>, so the reason (read token,
/// not found, ...) is sent as text, with the HF error headers kept. A repository the caller may not see still reads as
/// not found.
/// </summary>
public static class GitAuth
{
    public static IResult Refusal(IResult error) => error is HfError hf ? new TextRefusal(hf) : error;

    private sealed class TextRefusal(HfError error) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = error.StatusCode;
            if (error.Code is not null) response.Headers["X-Error-Code"] = error.Code;
            response.Headers["X-Error-Message"] = new string([.. error.Message.Select(c => c is >= ' ' and <= '~' ? c : ' ')]);
            if (error.StatusCode == StatusCodes.Status401Unauthorized) response.Headers.WWWAuthenticate = "Basic realm=\"Hub\"";
            response.Headers.CacheControl = "no-cache";
            response.ContentType = "text/plain; charset=utf-8";
            await response.WriteAsync(error.Message + "\n", httpContext.RequestAborted);
        }
    }
}
