using System.Security.Cryptography;
using System.Text;
using Hub.Inference;
using Hub.Inference.Models;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// The worker's internal API, mapped in processes with the <c>inference</c> role when the pool has a secret:
/// <c>POST /internal/inference/{operation}</c> runs a call the API tier already authorized (the model at its commit in
/// <see cref="WorkerHeaders"/>, the client's body as it came) and <c>GET /internal/inference/health</c> reports the
/// worker's state. Every call must carry the pool's secret; these routes are not in the OpenAPI document.
/// </summary>
public static class WorkerEndpoints
{
    public static IEndpointRouteBuilder MapInferenceWorkerEndpoints(this IEndpointRouteBuilder app)
    {
        var secret = app.ServiceProvider.GetRequiredService<IOptions<InferencePoolOptions>>().Value.Secret;
        if (secret is null) return app;
        var expected = Encoding.UTF8.GetBytes(secret);
        var group = app.MapGroup("/internal/inference").ExcludeFromDescription().AddEndpointFilter(async (context, next) =>
        {
            var presented = Encoding.UTF8.GetBytes(context.HttpContext.Request.Headers[WorkerHeaders.Secret].ToString());
            return CryptographicOperations.FixedTimeEquals(presented, expected)
                ? await next(context)
                : TypedResults.Problem(statusCode: 401, title: "Unauthorized", detail: "Internal inference calls need the pool's secret.");
        });
        group.MapPost("/{operation}", RunAsync);
        group.MapGet("/health", (InferenceService inference) => TypedResults.Json(inference.Health()));
        return app;
    }

    private static async Task<IResult> RunAsync(HttpContext context, string operation, InferenceExecutor executor, CancellationToken ct)
    {
        var headers = context.Request.Headers;
        if (!InferenceOperations.IsKnown(operation))
            return TypedResults.Problem(statusCode: 404, title: "Unknown operation", detail: $"'{operation}' is not an inference operation.");
        var id = headers[WorkerHeaders.ModelId].ToString();
        var name = headers[WorkerHeaders.ModelName].ToString();
        var commit = headers[WorkerHeaders.ModelCommit].ToString();
        if (id.Length == 0 || name.Length == 0 || commit.Length == 0)
            return TypedResults.Problem(statusCode: 400, title: "Missing model", detail: "The model id, name and commit headers are required.");
        var shape = InferenceFailures.ShapeFor(operation);
        var (body, error) = await InferenceBody.ReadAsync(context.Request, shape, ct);
        if (error is not null) return error;
        var task = headers[WorkerHeaders.Task].ToString();
        var call = new InferenceCall(operation, new ModelRef(id, name, commit), task.Length > 0 ? task : null, body, headers.UserAgent.ToString());
        return await executor.ExecuteAsync(call, ct);
    }
}
