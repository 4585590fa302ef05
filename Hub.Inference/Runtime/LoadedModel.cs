using Hub.Inference.Batching;
using Hub.Inference.Images;
using Hub.Inference.Models;
using Hub.Inference.Tensors;
using Hub.Inference.Text;
using Microsoft.ML.OnnxRuntime;

namespace Hub.Inference.Runtime;

/// <summary>
/// One model in memory: its ONNX Runtime session, tokenizer, configuration and batcher. Callers hold a lease while they
/// use it; an evicted model is disposed when its last lease ends, so eviction never breaks a running request.
/// </summary>
internal sealed class LoadedModel : IAsyncDisposable
{
    private readonly TextBatchRunner? textRunner;
    private readonly DynamicBatcher<TokenizedText, IReadOnlyDictionary<string, RowTensor>>? batcher;
    private readonly DynamicBatcher<float[], float[]>? imageBatcher;
    private readonly Lock gate = new();
    private int leases;
    private bool evicted;
    private bool disposed;

    public LoadedModel(ModelRef model, ModelFiles files, InferenceSession session, ITextTokenizer? tokenizer, BatchingOptions batching, ModelStatsRecorder recorder, TimeProvider time, long memoryBytes)
    {
        Model = model;
        Files = files;
        Session = session;
        Tokenizer = tokenizer;
        Recorder = recorder;
        MemoryBytes = memoryBytes;
        Inputs = [.. session.InputMetadata.Select(i => TensorConversion.Spec(i.Key, i.Value))];
        Outputs = [.. session.OutputMetadata.Select(o => TensorConversion.Spec(o.Key, o.Value))];
        if (tokenizer is not null && session.InputMetadata.ContainsKey("input_ids"))
        {
            textRunner = new TextBatchRunner(session);
            batcher = new DynamicBatcher<TokenizedText, IReadOnlyDictionary<string, RowTensor>>(
                model.RepoName, batching, (rows, ct) => textRunner.Run(rows, recorder, ct), t => t.Length, recorder, time);
        }
        else if (ImageInput.Of(session) is { } image)
        {
            // Images of one model all come out of the preprocessor at one size, so any of them batch together.
            try
            {
                Images = new ImagePreprocessor(image, files.Preprocessor);
            }
            catch (InvalidOperationException e)
            {
                // The raw tensor API still serves the model; image requests get the reason.
                ImageProblem = e.Message;
                return;
            }
            var imageRunner = new ImageBatchRunner(session, image, Images.Height, Images.Width);
            var imageBatching = image.FixedBatch ? new BatchingOptions { MaxBatchSize = 1, MaxQueueDelayMs = batching.MaxQueueDelayMs, MaxQueueLength = batching.MaxQueueLength } : batching;
            imageBatcher = new DynamicBatcher<float[], float[]>(model.RepoName, imageBatching, (rows, ct) => imageRunner.Run(rows, recorder, ct), _ => 1, recorder, time);
        }
    }

    public ModelRef Model { get; }

    public ModelFiles Files { get; }

    public InferenceSession Session { get; }

    public ITextTokenizer? Tokenizer { get; }

    public ModelStatsRecorder Recorder { get; }

    public long MemoryBytes { get; }

    public IReadOnlyList<TensorSpec> Inputs { get; }

    public IReadOnlyList<TensorSpec> Outputs { get; }

    public int QueueLength => (batcher?.QueueLength ?? 0) + (imageBatcher?.QueueLength ?? 0);

    /// <summary>The image preprocessing of an image model, or null.</summary>
    public ImagePreprocessor? Images { get; }

    /// <summary>Why an image model cannot take images (its preprocessor config does not fit it), or null.</summary>
    public string? ImageProblem { get; }

    public ITextTokenizer RequireTokenizer() => Tokenizer ?? throw new ModelNotFoundException($"{Model.RepoName} has no tokenizer (tokenizer.json or vocab.txt) for text tasks.");

    /// <summary>Queues token sequences for the batcher; one result per sequence.</summary>
    public Task<IReadOnlyDictionary<string, RowTensor>[]> RunTextAsync(IReadOnlyList<TokenizedText> rows, CancellationToken cancellationToken)
    {
        if (batcher is null) throw new ModelNotFoundException($"{Model.RepoName} is not a text model with token inputs.");
        return batcher.EnqueueAsync(rows, cancellationToken);
    }

    /// <summary>Queues preprocessed images for the batcher; one logits row per image.</summary>
    public Task<float[][]> RunImagesAsync(IReadOnlyList<float[]> images, CancellationToken cancellationToken)
    {
        if (imageBatcher is null) throw new ModelNotFoundException($"{Model.RepoName} is not an image model (one float input [batch, 3, height, width]).");
        return imageBatcher.EnqueueAsync(images, cancellationToken);
    }

    /// <summary>Runs raw tensors (KServe v2) in one session run, outside the batcher.</summary>
    public IReadOnlyList<NamedTensor> RunRaw(IReadOnlyList<NamedTensor> inputs, IReadOnlyList<string>? outputNames, CancellationToken cancellationToken)
    {
        var values = new Dictionary<string, OrtValue>();
        try
        {
            foreach (var input in inputs)
            {
                if (!Session.InputMetadata.TryGetValue(input.Name, out var meta))
                    throw new InvalidTensorException($"The model has no input '{input.Name}'.");
                values[input.Name] = TensorConversion.ToOrtValue(input, meta);
            }
            var missing = Session.InputMetadata.Keys.Except(values.Keys).ToList();
            if (missing.Count > 0) throw new InvalidTensorException($"Missing input(s): {string.Join(", ", missing)}.");
            var names = outputNames is { Count: > 0 } ? outputNames : [.. Session.OutputNames];
            foreach (var name in names)
                if (!Session.OutputMetadata.ContainsKey(name)) throw new InvalidTensorException($"The model has no output '{name}'.");
            var started = TimeProvider.System.GetTimestamp();
            using var results = CancellableRun.Run(Recorder, o => Session.Run(o, values, names), cancellationToken);
            Recorder.Run(inputs.Count == 0 ? 1 : (int)inputs[0].Shape.FirstOrDefault(1), TimeProvider.System.GetElapsedTime(started).TotalMilliseconds);
            return [.. names.Select((n, i) => TensorConversion.FromOrtValue(n, results[i]))];
        }
        finally
        {
            foreach (var value in values.Values) value.Dispose();
        }
    }

    public bool TryAcquire()
    {
        lock (gate)
        {
            if (evicted) return false;
            leases++;
            return true;
        }
    }

    public async ValueTask ReleaseAsync()
    {
        bool dispose;
        lock (gate)
        {
            leases--;
            dispose = evicted && leases == 0 && !disposed;
            if (dispose) disposed = true;
        }
        if (dispose) await DisposeCoreAsync();
    }

    /// <summary>Marks the model evicted; it is disposed now if unused, else when its last lease ends.</summary>
    public async ValueTask EvictAsync()
    {
        bool dispose;
        lock (gate)
        {
            evicted = true;
            dispose = leases == 0 && !disposed;
            if (dispose) disposed = true;
        }
        if (dispose) await DisposeCoreAsync();
    }

    public ValueTask DisposeAsync() => EvictAsync();

    private async ValueTask DisposeCoreAsync()
    {
        if (batcher is not null) await batcher.DisposeAsync();
        if (imageBatcher is not null) await imageBatcher.DisposeAsync();
        Session.Dispose();
        Tokenizer?.Dispose();
    }
}
