using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests.Infrastructure;

/// <summary>
/// An embedded hub for inference tests, with MiniLM uploaded once (as feature-extraction) and a second copy whose
/// queue holds one request and whose batches hold one sequence (for the overload test).
/// </summary>
public sealed class InferenceHub() : HubServer(production: false)
{
    public const string SmallQueueName = "minilm-small-queue";

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<string, string> repos = [];

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new($"Hub:Inference:Models:admin/{SmallQueueName}:MaxQueueLength", "1"),
        new($"Hub:Inference:Models:admin/{SmallQueueName}:MaxBatchSize", "1"),
    ];

    /// <summary>Uploads a repo once per fixture and returns its id.</summary>
    public async Task<string> RepoAsync(string name, Func<IEnumerable<RepoFile>> files)
    {
        await gate.WaitAsync();
        try
        {
            if (!repos.TryGetValue(name, out var repo))
                repos[name] = repo = await ModelRepos.UploadAsync(Client(AdminToken), name, files());
            return repo;
        }
        finally
        {
            gate.Release();
        }
    }

    public Task<string> MiniLmAsync() => RepoAsync("minilm", () => MiniLm.RepoFiles("feature-extraction"));
}

[CollectionDefinition(Name)]
public sealed class InferenceHubCollection : ICollectionFixture<InferenceHub>
{
    public const string Name = "inference hub";
}
