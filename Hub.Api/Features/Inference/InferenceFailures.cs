using Hub.Api.Http;
using Hub.Inference.Batching;
using Hub.Inference.Models;
using Hub.Inference.Tensors;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Turns what the worker throws into HTTP answers: a full queue is 429 with <c>Retry-After</c>, a repository without a
/// usable model 404, bad input 400, a model unloaded under a request 503, an ONNX Runtime failure 500 with its message.
/// </summary>
public static class InferenceFailures
{
    /// <summary>Runs <paramref name="action"/>; failures become <c>{"error": ...}</c> answers (task API, KServe v2, TEI).</summary>
    public static async Task<IResult> GuardAsync(Func<Task<IResult>> action, Func<int, string, IResult>? shape = null)
    {
        shape ??= (status, message) => new HfError(status, message);
        try
        {
            return await action();
        }
        catch (InferenceOverloadedException e)
        {
            var result = shape(429, e.Message);
            return new RetryAfterResult(result, e.RetryAfter);
        }
        catch (ModelNotFoundException e)
        {
            return shape(404, e.Message);
        }
        catch (Exception e) when (e is ArgumentException or InvalidTensorException or FormatException or InvalidOperationException)
        {
            return shape(400, e.Message);
        }
        catch (ObjectDisposedException)
        {
            return new RetryAfterResult(shape(503, "The model was unloaded while the request waited; retry."), TimeSpan.FromSeconds(1));
        }
        catch (OnnxRuntimeException e)
        {
            return shape(500, $"Inference failed: {e.Message}");
        }
    }

    /// <summary>Adds <c>Retry-After</c> (seconds) to another result.</summary>
    private sealed class RetryAfterResult(IResult inner, TimeSpan retryAfter) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return inner.ExecuteAsync(httpContext);
        }
    }
}
