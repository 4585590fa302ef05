using System.Diagnostics;
using Hub.Inference;
using Hub.Inference.Models;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.DependencyInjection;

namespace Hub.Bench.Inference;

/// <summary>
/// The hub's own inference service called in its process, without HTTP: what the worker adds to a raw session run
/// (tokenizer, batcher, pooling), measured apart from what HTTP and JSON add.
/// </summary>
internal sealed class InProcessService(InferenceService inference, ModelRef model)
{
    public static async Task<InProcessService> CreateAsync(BenchHub hub, string repoId)
    {
        var repo = await hub.Services.GetRequiredService<IRepositoryStore>().FindAsync("model", repoId, CancellationToken.None)
            ?? throw new InvalidOperationException($"{repoId} is not in the hub.");
        return new InProcessService(hub.Services.GetRequiredService<InferenceService>(), new ModelRef(repo.Id, repo.FullName, repo.HeadCommit!));
    }

    /// <summary>Milliseconds of one normalised embedding of <paramref name="sentence"/>.</summary>
    public async Task<double> EmbedAsync(string sentence)
    {
        var started = Stopwatch.GetTimestamp();
        await inference.EmbedAsync(model, [sentence], true, CancellationToken.None);
        return Stopwatch.GetElapsedTime(started).TotalMilliseconds;
    }
}
