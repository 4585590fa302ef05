namespace Hub.Api.Features.Discussions;

/// <summary>A 409 in the hub's error shape (<c>X-Error-Message</c>, <c>{"error": ...}</c>) that also lists the conflicting paths.</summary>
public sealed class ConflictError(string message, IReadOnlyList<string> conflicts) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => StatusCodes.Status409Conflict;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.Headers["X-Error-Message"] = new string(message.Select(c => c is >= ' ' and <= '~' ? c : ' ').ToArray());
        return TypedResults.Json(new { error = message, conflictingFiles = conflicts }, statusCode: StatusCodes.Status409Conflict).ExecuteAsync(httpContext);
    }
}
