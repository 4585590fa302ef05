using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Inference.Models;
using Hub.Inference.Text;
using Hub.Storage.Blobs;
using Hub.Storage.Git;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Inference.Runtime;

/// <summary>
/// The models this worker holds in memory, one session per model and commit, bounded by a memory budget: when a load
/// pushes the total over it, the least recently used models are evicted (and disposed once their requests finish).
/// Concurrent requests for a model that is loading wait for the same load.
/// </summary>
internal sealed class ModelCache : IAsyncDisposable
{
    private readonly ConcurrentDictionary<ModelRef, Lazy<Task<LoadedModel>>> models = new();
    private readonly ConcurrentDictionary<ModelRef, long> lastUsed = new();
    private readonly ConcurrentDictionary<ModelRef, ModelStats> stats = new();
    private readonly ModelFileCache files;
    private readonly ExecutionProvider provider;
    private readonly InferenceOptions options;
    private readonly TimeProvider time;
    private readonly ILogger<ModelCache> logger;
    private readonly SemaphoreSlim evictionGate = new(1, 1);

    public ModelCache(IGitRepositoryStore git, IBlobStore blobs, ExecutionProvider provider, IOptions<InferenceOptions> options, InferenceCacheDirectory directory, TimeProvider time, ILogger<ModelCache> logger)
    {
        this.provider = provider;
        this.options = options.Value;
        this.time = time;
        this.logger = logger;
        files = new ModelFileCache(git, blobs, directory.Path, logger);
    }

    /// <summary>The models in memory now.</summary>
    public IReadOnlyList<LoadedModel> Loaded =>
        [.. models.Values.Where(l => l.IsValueCreated && l.Value.IsCompletedSuccessfully).Select(l => l.Value.GetAwaiter().GetResult())];

    public long MemoryBytes => Loaded.Sum(m => m.MemoryBytes);

    public ModelStats StatsOf(ModelRef model) => stats.GetOrAdd(model, _ => new ModelStats());

    public async Task<ModelLease> AcquireAsync(ModelRef model, CancellationToken cancellationToken)
    {
        while (true)
        {
            var lazy = models.GetOrAdd(model, m => new Lazy<Task<LoadedModel>>(() => LoadAsync(m)));
            LoadedModel loaded;
            try
            {
                loaded = await lazy.Value.WaitAsync(cancellationToken);
            }
            catch (Exception) when (lazy.Value.IsFaulted)
            {
                models.TryRemove(new KeyValuePair<ModelRef, Lazy<Task<LoadedModel>>>(model, lazy));
                throw;
            }
            lastUsed[model] = time.GetTimestamp();
            if (loaded.TryAcquire()) return new ModelLease(loaded);
            // Evicted between the lookup and the lease: load it again.
            models.TryRemove(new KeyValuePair<ModelRef, Lazy<Task<LoadedModel>>>(model, lazy));
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var model in Loaded) await model.EvictAsync();
        models.Clear();
    }

    private async Task<LoadedModel> LoadAsync(ModelRef model)
    {
        // A load is shared by every request waiting for it, so no single caller's token may cancel it.
        using var activity = InferenceTelemetry.ActivitySource.StartActivity("inference.load");
        activity?.SetTag("model", model.RepoName);
        activity?.SetTag("revision", model.Commit);
        var started = Stopwatch.GetTimestamp();
        var modelFiles = await files.GetAsync(model, CancellationToken.None);
        using var sessionOptions = provider.CreateSessionOptions();
        var session = new InferenceSession(modelFiles.OnnxPath, sessionOptions);
        ITextTokenizer? tokenizer;
        try
        {
            tokenizer = TokenizerLoader.TryLoad(modelFiles);
        }
        catch
        {
            session.Dispose();
            throw;
        }
        var memory = new FileInfo(modelFiles.OnnxPath).Length * 3 / 2;
        var recorder = new ModelStatsRecorder(StatsOf(model), model.RepoId, model.Commit);
        var loaded = new LoadedModel(model, modelFiles, session, tokenizer, options.BatchingFor(model.RepoName, provider.IsCuda), recorder, time, memory);
        InferenceTelemetry.Loads.Add(1, new KeyValuePair<string, object?>("model", model.RepoId));
        StatsOf(model).RecordLoad();
        logger.LogInformation("Loaded {Model} at {Commit} on {Provider} in {Elapsed} ms (tokenizer: {Tokenizer})",
            model.RepoName, model.Commit, provider.Name, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds, tokenizer?.Kind ?? "none");
        lastUsed[model] = time.GetTimestamp();
        await EvictOverBudgetAsync(model, memory);
        return loaded;
    }

    private async Task EvictOverBudgetAsync(ModelRef keep, long incoming)
    {
        await evictionGate.WaitAsync();
        try
        {
            var loaded = Loaded.OrderBy(m => lastUsed.GetValueOrDefault(m.Model)).ToList();
            var total = loaded.Where(m => m.Model != keep).Sum(m => m.MemoryBytes) + incoming;
            foreach (var victim in loaded)
            {
                if (total <= options.MemoryBudgetBytes) break;
                if (victim.Model == keep) continue;
                if (models.TryGetValue(victim.Model, out var lazy) && models.TryRemove(new KeyValuePair<ModelRef, Lazy<Task<LoadedModel>>>(victim.Model, lazy)))
                {
                    total -= victim.MemoryBytes;
                    InferenceTelemetry.Evictions.Add(1, new KeyValuePair<string, object?>("model", victim.Model.RepoId));
                    StatsOf(victim.Model).RecordEviction();
                    logger.LogInformation("Evicted {Model} at {Commit} to stay within the memory budget", victim.Model.RepoName, victim.Model.Commit);
                    await victim.EvictAsync();
                }
            }
        }
        finally
        {
            evictionGate.Release();
        }
    }
}
