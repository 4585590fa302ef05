using System.Text.Json.Serialization;
using Hub.Inference;
using Hub.Inference.Models;

namespace Hub.Api.Features.Inference;

/// <summary>
/// A model's figures at a revision (<c>GET /v2/models/{name}/stats</c>). Over a pool of workers the counts are summed
/// and each percentile is the highest of the workers'.
/// </summary>
public sealed record V2Stats(
    [property: JsonPropertyName("model_name")] string ModelName,
    [property: JsonPropertyName("model_version")] string ModelVersion,
    [property: JsonPropertyName("requests")] long Requests,
    [property: JsonPropertyName("session_runs")] long SessionRuns,
    [property: JsonPropertyName("rejected")] long Rejected,
    [property: JsonPropertyName("active_runs")] long ActiveRuns,
    [property: JsonPropertyName("terminated_runs")] long TerminatedRuns,
    [property: JsonPropertyName("loads")] long Loads,
    [property: JsonPropertyName("evictions")] long Evictions,
    [property: JsonPropertyName("batch_sizes")] IReadOnlyDictionary<string, long> BatchSizes,
    [property: JsonPropertyName("queue_ms_p50")] double QueueMsP50,
    [property: JsonPropertyName("queue_ms_p99")] double QueueMsP99,
    [property: JsonPropertyName("run_ms_p50")] double RunMsP50,
    [property: JsonPropertyName("run_ms_p99")] double RunMsP99)
{
    public static V2Stats From(ModelRef model, ModelStatsSnapshot stats) =>
        new(model.V2Name, model.Commit, stats.Requests, stats.SessionRuns, stats.Rejected, stats.ActiveRuns, stats.TerminatedRuns,
            stats.Loads, stats.Evictions, stats.BatchSizes, stats.QueueMsP50, stats.QueueMsP99, stats.RunMsP50, stats.RunMsP99);

    /// <summary>The figures of several workers as one.</summary>
    public static V2Stats Sum(ModelRef model, IReadOnlyList<V2Stats> parts)
    {
        var sizes = new Dictionary<string, long>();
        foreach (var (bucket, count) in parts.SelectMany(p => p.BatchSizes)) sizes[bucket] = sizes.GetValueOrDefault(bucket) + count;
        double Max(Func<V2Stats, double> of) => parts.Count == 0 ? 0 : parts.Max(of);
        return new V2Stats(model.V2Name, model.Commit, parts.Sum(p => p.Requests), parts.Sum(p => p.SessionRuns), parts.Sum(p => p.Rejected),
            parts.Sum(p => p.ActiveRuns), parts.Sum(p => p.TerminatedRuns), parts.Sum(p => p.Loads), parts.Sum(p => p.Evictions), sizes,
            Max(p => p.QueueMsP50), Max(p => p.QueueMsP99), Max(p => p.RunMsP50), Max(p => p.RunMsP99));
    }
}
