using Hub.Inference.Models;
using Hub.Inference.Pipelines;
using Hub.Inference.Runtime;
using Hub.Inference.Tensors;
using Microsoft.Extensions.Options;

namespace Hub.Inference;

/// <summary>
/// The in-process inference worker: loads a repository at a commit on first use and runs the HF task pipelines, raw
/// tensors (KServe v2) and embeddings on it. Throws <see cref="ModelNotFoundException"/> when the repository holds no
/// usable model, <see cref="Batching.InferenceOverloadedException"/> when a queue is full, <see cref="ArgumentException"/>
/// or <see cref="InvalidTensorException"/> for bad input.
/// </summary>
public sealed class InferenceService
{
    private readonly ModelCache cache;
    private readonly ExecutionProvider provider;
    private readonly InferenceOptions options;

    internal InferenceService(ModelCache cache, ExecutionProvider provider, IOptions<InferenceOptions> options)
    {
        this.cache = cache;
        this.provider = provider;
        this.options = options.Value;
    }

    /// <summary>The execution provider sessions run on.</summary>
    public string Provider => provider.Name;

    /// <summary>Sentence embeddings, one per text.</summary>
    public Task<EmbeddingResult> EmbedAsync(ModelRef model, IReadOnlyList<string> texts, bool normalize, CancellationToken cancellationToken) =>
        UseAsync(model, "feature-extraction", m => FeatureExtraction.EmbedAsync(m, Limited(texts, "inputs"), normalize, options.MaxSequenceLength, cancellationToken), cancellationToken);

    /// <summary>Cosine similarity of <paramref name="source"/> to each of <paramref name="sentences"/>.</summary>
    public async Task<double[]> SimilarityAsync(ModelRef model, string source, IReadOnlyList<string> sentences, CancellationToken cancellationToken)
    {
        var result = await UseAsync(model, "sentence-similarity",
            m => FeatureExtraction.EmbedAsync(m, [source, .. Limited(sentences, "sentences")], true, options.MaxSequenceLength, cancellationToken), cancellationToken);
        var first = result.Vectors[0];
        return [.. result.Vectors.Skip(1).Select(v => (double)first.Zip(v).Sum(p => p.First * p.Second))];
    }

    /// <summary>Labels and scores per text, best first.</summary>
    public Task<IReadOnlyList<ClassificationScore>[]> ClassifyAsync(ModelRef model, IReadOnlyList<string> texts, string? functionToApply, int? topK, CancellationToken cancellationToken) =>
        UseAsync(model, "text-classification", m => TextClassification.ClassifyAsync(m, Limited(texts, "inputs"), functionToApply, topK, options.MaxSequenceLength, cancellationToken), cancellationToken);

    /// <summary>Labels and scores of an image (PNG, JPEG, GIF, BMP, WebP bytes), best first.</summary>
    public Task<IReadOnlyList<ClassificationScore>> ClassifyImageAsync(ModelRef model, ReadOnlyMemory<byte> image, string? functionToApply, int? topK, CancellationToken cancellationToken) =>
        UseAsync(model, "image-classification", m => ImageClassification.ClassifyAsync(m, image, functionToApply, topK, cancellationToken), cancellationToken);

    /// <summary>Entities in <paramref name="text"/>.</summary>
    public Task<IReadOnlyList<TokenEntity>> ClassifyTokensAsync(ModelRef model, string text, string aggregation, IReadOnlyCollection<string> ignoreLabels, CancellationToken cancellationToken) =>
        UseAsync(model, "token-classification", m => TokenClassification.ClassifyAsync(m, text, aggregation, ignoreLabels, options.MaxSequenceLength, cancellationToken), cancellationToken);

    /// <summary>Candidates for each mask token in <paramref name="text"/>, one list per mask.</summary>
    public Task<IReadOnlyList<IReadOnlyList<FillMaskCandidate>>> FillMaskAsync(ModelRef model, string text, int topK, IReadOnlyList<string>? targets, CancellationToken cancellationToken) =>
        UseAsync(model, "fill-mask", m => FillMask.FillAsync(m, text, topK, targets, options.MaxSequenceLength, cancellationToken), cancellationToken);

    /// <summary>Scores of candidate labels for <paramref name="text"/> with an NLI model.</summary>
    public Task<IReadOnlyList<ClassificationScore>> ZeroShotAsync(ModelRef model, string text, IReadOnlyList<string> labels, bool multiLabel, string template, CancellationToken cancellationToken) =>
        UseAsync(model, "zero-shot-classification", m => ZeroShotClassification.ClassifyAsync(m, text, Limited(labels, "candidate_labels"), multiLabel, template, options.MaxSequenceLength, cancellationToken), cancellationToken);

    /// <summary>The model's inputs and outputs (loads it).</summary>
    public Task<ModelDescription> DescribeAsync(ModelRef model, CancellationToken cancellationToken) =>
        UseAsync(model, null, m => Task.FromResult(new ModelDescription(m.Inputs, m.Outputs, m.Tokenizer?.Kind, provider.Name)), cancellationToken);

    /// <summary>Runs raw tensors through the model (KServe v2 infer).</summary>
    public Task<IReadOnlyList<NamedTensor>> InferAsync(ModelRef model, IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string>? outputs, CancellationToken cancellationToken) =>
        UseAsync(model, "infer", m => Task.Run(() => m.RunRaw(inputs, outputs, cancellationToken), cancellationToken), cancellationToken);

    /// <summary>Loads the model if it is not in memory.</summary>
    public Task LoadAsync(ModelRef model, CancellationToken cancellationToken) =>
        UseAsync(model, null, _ => Task.FromResult(true), cancellationToken);

    /// <summary>True when the model is in memory now.</summary>
    public bool IsLoaded(ModelRef model) => cache.Loaded.Any(m => m.Model == model);

    /// <summary>Figures of a model at a revision (zero when it never ran here).</summary>
    public ModelStatsSnapshot Stats(ModelRef model) => cache.StatsOf(model).Snapshot();

    /// <summary>The worker's state for health and the pool registry.</summary>
    public WorkerHealth Health()
    {
        var loaded = cache.Loaded;
        return new WorkerHealth(provider.Name, [.. loaded.Select(m => $"{m.Model.RepoName}@{m.Model.Commit}")],
            loaded.Sum(m => m.MemoryBytes), options.MemoryBudgetBytes, loaded.Sum(m => m.QueueLength));
    }

    private IReadOnlyList<string> Limited(IReadOnlyList<string> texts, string field) =>
        texts.Count <= options.MaxInputsPerRequest ? texts
        : throw new ArgumentException($"'{field}' holds {texts.Count} items; at most {options.MaxInputsPerRequest} are allowed per request.");

    private async Task<T> UseAsync<T>(ModelRef model, string? task, Func<LoadedModel, Task<T>> action, CancellationToken cancellationToken)
    {
        await using var lease = await cache.AcquireAsync(model, cancellationToken);
        if (task is not null) lease.Model.Recorder.Request(task);
        return await action(lease.Model);
    }
}
