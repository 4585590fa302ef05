using Hub.Api.Http;
using Hub.Inference.Batching;
using Hub.Inference.Models;
using Hub.Inference.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Turns what the worker throws into HTTP answers: a full queue is 429 with <c>Retry-After</c>, a repository without a
/// usable model 404, bad input 400, a model unloaded under a request 503, an ONNX Runtime failure 500 with its message;
/// each in the error shape of its route (HF <c>{"error"}</c>, OpenAI <c>{"message", "code", "type"}</c>, TEI
/// <c>{"error", "error_type"}</c>).
/// </summary>
public static partial class InferenceFailures
{
    /// <summary>The error shape of an operation's public route.</summary>
    public static Func<int, string, IResult> ShapeFor(string operation) => operation switch
    {
        InferenceOperations.OpenAiEmbeddings => OpenAiError,
        InferenceOperations.TeiEmbed => TeiError,
        _ => HfShape,
    };

    public static IResult HfShape(int status, string message) => new HfError(status, message);

    public static IResult OpenAiError(int status, string message) =>
        TypedResults.Json(new { message, code = status, type = ErrorType(status) }, statusCode: status);

    public static IResult TeiError(int status, string message) =>
        TypedResults.Json(new { error = message, error_type = ErrorType(status) }, statusCode: status);

    /// <summary>
    /// A repository lookup's refusal (401/404 <c>RepoNotFound</c>, 404 <c>RevisionNotFound</c>, written in the HF shape) in
    /// the route's own shape: OpenAI and TEI clients read <c>message</c> or <c>error_type</c>, and an HF body gave them
    /// nothing to show. Other results (a moved repository's redirect) pass unchanged.
    /// </summary>
    public static IResult Reshape(IResult error, Func<int, string, IResult> shape) =>
        error is HfError hf && shape != (Func<int, string, IResult>)HfShape ? shape(hf.StatusCode, hf.Message) : error;

    /// <summary>Adds <c>Retry-After</c> (whole seconds, at least 1) to another result.</summary>
    public static IResult WithRetryAfter(IResult inner, TimeSpan retryAfter) => new RetryAfterResult(inner, retryAfter);

    /// <summary>Runs <paramref name="action"/>; failures become answers in <paramref name="shape"/>.</summary>
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action, Func<int, string, IResult>? shape = null)
    {
        shape ??= HfShape;
        try
        {
            return await action();
        }
        catch (InferenceOverloadedException e)
        {
            return WithRetryAfter(shape(429, e.Message), e.RetryAfter);
        }
        catch (ModelNotFoundException e)
        {
            return shape(404, e.Message);
        }
        // Before the 400s: ObjectDisposedException is an InvalidOperationException, and an evicted model is not bad input.
        catch (ObjectDisposedException)
        {
            return WithRetryAfter(shape(503, "The model was unloaded while the request waited; retry."), TimeSpan.FromSeconds(1));
        }
        catch (Exception e) when (e is ArgumentException or InvalidTensorException or FormatException or InvalidOperationException)
        {
            return shape(400, e.Message);
        }
        catch (OnnxRuntimeException e)
        {
            return shape(500, $"Inference failed: {WithoutPaths(e.Message)}");
        }
    }

    /// <summary>
    /// ONNX Runtime's message with absolute paths cut to their file name: it names the worker's cache folder (and its own
    /// source files), which is no business of the caller; what the model's author needs ("Missing opset ...") stays.
    /// </summary>
    public static string WithoutPaths(string message) => AbsolutePath().Replace(message, "$1");

    [System.Text.RegularExpressions.GeneratedRegex(@"(?<![\w.])(?:/[^/\s:'""]+)+/([^/\s:'""]+)")]
    private static partial System.Text.RegularExpressions.Regex AbsolutePath();

    private static string ErrorType(int status) => status switch
    {
        429 => "Overloaded",
        503 => "Unhealthy",
        400 or 404 or 413 or 422 => "Validation",
        _ => "Backend",
    };

    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
