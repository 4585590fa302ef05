namespace Hub.Storage.Metadata.Repositories;

/// <summary>A repository and the metadata indexed from its default branch.</summary>
/// <param name="Id">Stable 24-hex id; also names the git repository on disk.</param>
/// <param name="Type"><c>model</c>, <c>dataset</c> or <c>space</c>.</param>
/// <param name="Gated"><c>none</c>, <c>auto</c> or <c>manual</c>.</param>
/// <param name="CardData">README.md front matter as JSON, or null.</param>
/// <param name="IndexedData">Other indexed JSON (config, safetensors figures…), or null.</param>
public sealed record RepositoryRecord(
    string Id,
    string Type,
    long NamespaceId,
    string Namespace,
    string Name,
    bool Private,
    string Gated,
    bool Disabled,
    string DefaultBranch,
    string? HeadCommit,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastModified,
    string? CardData,
    string? PipelineTag,
    string? LibraryName,
    string? Sdk,
    string? IndexedData,
    int Likes,
    long Downloads,
    long DownloadsAllTime,
    double TrendingScore,
    IReadOnlyList<string> Tags)
{
    /// <summary><c>namespace/name</c>.</summary>
    public string FullName => $"{Namespace}/{Name}";
}
