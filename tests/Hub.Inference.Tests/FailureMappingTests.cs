using Hub.Api.Features.Inference;
using Microsoft.AspNetCore.Http;

namespace Hub.Inference.Tests;

/// <summary>How worker failures become HTTP answers (<see cref="InferenceFailures"/>).</summary>
public sealed class FailureMappingTests
{
    private static async Task<HttpResponse> AnswerAsync(Exception failure)
    {
        var result = await InferenceFailures.GuardAsync(() => throw failure);
        var context = new DefaultHttpContext();
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        return context.Response;
    }

    [Fact]
    public async Task A_model_disposed_under_a_waiting_request_is_a_503_with_retry_after_not_a_400()
    {
        var response = await AnswerAsync(new ObjectDisposedException("InferenceSession"));
        Assert.Equal(503, response.StatusCode);
        Assert.Equal("1", response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public async Task Bad_input_is_a_400()
    {
        Assert.Equal(400, (await AnswerAsync(new ArgumentException("'inputs' must be a string."))).StatusCode);
        Assert.Equal(400, (await AnswerAsync(new InvalidOperationException("wrong element type"))).StatusCode);
    }
}
