using Hub.Api.Auth;
using Hub.Storage.Git;

namespace Hub.Api.Http;

/// <summary>
/// Gives every error the hub answers the shape of hf-api.md §1.5 (<c>X-Error-Message</c> and <c>{"error": ...}</c>)
/// when nothing else did: routes that match nothing (404), a method a route does not take (405, with <c>Allow</c>),
/// framework refusals with an empty body, a repository deleted under a running request (404 <c>RepoNotFound</c>) and
/// an exception no endpoint caught (500, logged). Answers that already carry a message or a body, and browser pages
/// (the UI renders its own), pass untouched.
/// </summary>
internal sealed class ErrorBodyMiddleware(RequestDelegate next, ILogger<ErrorBodyMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (GitRepositoryNotFoundException) when (!context.Response.HasStarted)
        {
            // Deleted while this request, which had found it, was working on it: gone, as for the next request.
            context.Response.Clear();
            await HfErrors.RepoNotFound(anonymous: !context.GetCaller().IsAuthenticated).ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && IsOversizedBody(e))
        {
            // A body past a route's limit (ours, or Kestrel's MaxRequestBodySize) is the client's mistake, not a hub fault.
            context.Response.Clear();
            await new HfError(413, "The request body is larger than this route accepts.").ExecuteAsync(context);
            return;
        }
        catch (Exception e) when (!context.Response.HasStarted && !context.RequestAborted.IsCancellationRequested)
        {
            logger.LogError(e, "Unhandled exception for {Method} {Path}", context.Request.Method, context.Request.Path);
            context.Response.Clear();
            await new HfError(500, $"Internal error (request {context.TraceIdentifier}). The hub's log has the details.").ExecuteAsync(context);
            return;
        }
        var response = context.Response;
        if (response.StatusCode < 400 || response.HasStarted || response.Headers.ContainsKey("X-Error-Message")) return;
        if (response.StatusCode == StatusCodes.Status416RangeNotSatisfiable) return;
        await new HfError(response.StatusCode, Describe(context)).ExecuteAsync(context);
    }

    private static bool IsOversizedBody(Exception e) =>
        e is LimitedReadStream.TooLargeException or BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }
        || e.InnerException is { } inner && IsOversizedBody(inner);

    private static string Describe(HttpContext context)
    {
        var request = context.Request;
        return context.Response.StatusCode switch
        {
            StatusCodes.Status404NotFound => $"Nothing at {request.Method} {request.Path}.",
            StatusCodes.Status405MethodNotAllowed =>
                $"{request.Method} is not allowed on {request.Path}" + (context.Response.Headers.Allow is { Count: > 0 } allow ? $"; use {allow}." : "."),
            StatusCodes.Status401Unauthorized => "Authentication required.",
            StatusCodes.Status403Forbidden => "Forbidden.",
            var status => $"The request was refused ({status} {ReasonPhrase(status)}).",
        };
    }

    private static string ReasonPhrase(int status) => Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status);
}
