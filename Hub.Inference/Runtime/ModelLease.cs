namespace Hub.Inference.Runtime;

/// <summary>Use of a loaded model for one request; disposing it lets an evicted model go.</summary>
internal sealed class ModelLease(LoadedModel model) : IAsyncDisposable
{
    private int released;

    public LoadedModel Model { get; } = model;

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref released, 1) == 0 ? Model.ReleaseAsync() : ValueTask.CompletedTask;
}
