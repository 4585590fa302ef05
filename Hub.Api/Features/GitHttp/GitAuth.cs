using Hub.Api.Http;

namespace Hub.Api.Features.GitHttp;

/// <summary>
/// git sends no credentials first: a 401 with <c>WWW-Authenticate: Basic</c> makes it ask its credential helper and
/// retry with the token as password. A repository the caller may not see still reads as not found.
/// </summary>
public static class GitAuth
{
    public static IResult Challenge(HttpContext context, IResult error)
    {
        if (error is HfError { StatusCode: 401 } unauthorized)
            return new HfError(401, unauthorized.Message, unauthorized.Code, new Dictionary<string, string> { ["WWW-Authenticate"] = "Basic realm=\"Hub\"" });
        return error;
    }
}
