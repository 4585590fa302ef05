namespace Hub.Api.Features.Inference.Pool;

/// <summary>A worker's answer passed on to the client: status, content type, the headers of <see cref="WorkerHeaders.Answer"/> and the body.</summary>
internal sealed class ForwardedResult(int statusCode, string? contentType, IReadOnlyList<KeyValuePair<string, string>> headers, byte[] body)
    : IResult, IStatusCodeHttpResult
{
    public int StatusCode => statusCode;

    int? IStatusCodeHttpResult.StatusCode => statusCode;

    public byte[] Body => body;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = statusCode;
        foreach (var (name, value) in headers) response.Headers[name] = value;
        if (contentType is not null) response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted);
    }
}
