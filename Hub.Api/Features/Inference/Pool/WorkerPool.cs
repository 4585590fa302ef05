using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Hub.Inference.Models;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Inference.Pool;

/// <summary>
/// Sends inference calls to the worker processes: picks a worker with <see cref="WorkerRegistry"/>, forwards the call
/// to its <c>/internal/inference/{operation}</c> and passes its answer on. When the worker fails (connection refused or
/// reset, a 5xx) the call is sent once more to another worker: inference has no side effects, so a retry
/// never runs anything twice that matters, and a request accepted by a worker that dies is not lost.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private readonly WorkerRegistry registry;
    private readonly TimeProvider time;
    private readonly ILogger<WorkerPool> logger;
    private readonly InferencePoolOptions settings;
    private readonly HttpClient http;

    public WorkerPool(WorkerRegistry registry, TimeProvider time, IOptions<InferencePoolOptions> options, ILogger<WorkerPool> logger)
    {
        this.registry = registry;
        this.time = time;
        this.logger = logger;
        settings = options.Value;
        http = new HttpClient(new SocketsHttpHandler
        {
            MaxConnectionsPerServer = 1024,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
            ConnectTimeout = TimeSpan.FromSeconds(5),
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = TimeSpan.FromSeconds(settings.RequestTimeoutSeconds) };
    }

    public async Task<IResult> SendAsync(InferenceCall call, CancellationToken cancellationToken)
    {
        var key = ModelKey(call.Model);
        var shape = InferenceFailures.ShapeFor(call.Operation);
        WorkerState? failed = null;
        IResult? failure = null;
        for (var attempt = 0; attempt < 2; attempt++)
        {
            var worker = await registry.PickAsync(key, failed, cancellationToken);
            if (worker is null) break;
            if (attempt > 0)
            {
                InferencePoolTelemetry.Retries.Add(1);
                logger.LogInformation("Retrying {Operation} on {Model} on worker {Worker} after worker {Failed} failed", call.Operation, key, worker.Id, failed!.Id);
            }
            worker.Begin();
            try
            {
                var answer = await SendToAsync(worker, call, cancellationToken);
                if (answer.StatusCode < 500 && answer.StatusCode is not (401 or 403))
                {
                    if (answer.StatusCode < 300) worker.Answered(key, time.GetUtcNow());
                    return answer;
                }
                logger.LogWarning("Inference worker {Worker} answered {Status} to {Operation} on {Model}", worker.Id, answer.StatusCode, call.Operation, key);
                failure = answer.StatusCode is 401 or 403 ? shape(502, "An inference worker refused the pool's secret.") : answer;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow is not failed: sending the same long call to another worker would only double the work.
                logger.LogWarning("Inference worker {Worker} did not answer {Operation} on {Model} within {Timeout} s", worker.Id, call.Operation, key, settings.RequestTimeoutSeconds);
                return shape(504, $"The inference worker did not answer within {settings.RequestTimeoutSeconds} s.");
            }
            catch (Exception e) when (IsWorkerFailure(e, cancellationToken))
            {
                registry.MarkFailed(worker);
                InferencePoolTelemetry.WorkerFailures.Add(1);
                logger.LogWarning("Inference worker {Worker} at {Url} failed {Operation} on {Model}: {Reason}", worker.Id, worker.Record.Url, call.Operation, key, e.Message);
                failure = InferenceFailures.WithRetryAfter(shape(503, "The inference worker failed; retry."), TimeSpan.FromSeconds(1));
            }
            finally
            {
                worker.End();
            }
            failed = worker;
        }
        return failure ?? InferenceFailures.WithRetryAfter(shape(503, "No inference worker is available; retry later."), TimeSpan.FromSeconds(5));
    }

    /// <summary>The model's figures summed over every worker in the pool (a worker that does not answer is left out).</summary>
    public async Task<IResult> StatsAsync(InferenceCall call, CancellationToken cancellationToken)
    {
        var parts = new List<V2Stats>();
        foreach (var worker in await registry.WorkersAsync(cancellationToken))
        {
            try
            {
                var answer = await SendToAsync(worker, call, cancellationToken);
                if (answer.StatusCode == 200 && JsonSerializer.Deserialize<V2Stats>(answer.Body) is { } stats) parts.Add(stats);
            }
            catch (Exception e) when (IsWorkerFailure(e, cancellationToken))
            {
                logger.LogWarning("Inference worker {Worker} did not answer for stats: {Reason}", worker.Id, e.Message);
            }
        }
        return TypedResults.Json(V2Stats.Sum(call.Model, parts));
    }

    public void Dispose() => http.Dispose();

    public static string ModelKey(ModelRef model) => $"{model.RepoName}@{model.Commit}";

    private async Task<ForwardedResult> SendToAsync(WorkerState worker, InferenceCall call, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(worker.BaseUri, "internal/inference/" + call.Operation));
        request.Headers.TryAddWithoutValidation(WorkerHeaders.Secret, settings.Secret);
        request.Headers.TryAddWithoutValidation(WorkerHeaders.ModelId, call.Model.RepoId);
        request.Headers.TryAddWithoutValidation(WorkerHeaders.ModelName, call.Model.RepoName);
        request.Headers.TryAddWithoutValidation(WorkerHeaders.ModelCommit, call.Model.Commit);
        if (call.Task is not null) request.Headers.TryAddWithoutValidation(WorkerHeaders.Task, call.Task);
        if (call.UserAgent is not null) request.Headers.TryAddWithoutValidation("User-Agent", call.UserAgent);
        request.Content = new ReadOnlyMemoryContent(call.Body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        // The whole answer is read before anything reaches the client, so a worker dying mid-answer can still be retried.
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        var headers = new List<KeyValuePair<string, string>>();
        foreach (var name in WorkerHeaders.Answer)
            if (response.Headers.TryGetValues(name, out var values)) headers.Add(new(name, string.Join(",", values)));
        return new ForwardedResult((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), headers, body);
    }

    /// <summary>Connection refused or reset, or the answer cut off: the worker is down or died mid-call.</summary>
    private static bool IsWorkerFailure(Exception e, CancellationToken cancellationToken) =>
        !cancellationToken.IsCancellationRequested && e is HttpRequestException or IOException;
}
