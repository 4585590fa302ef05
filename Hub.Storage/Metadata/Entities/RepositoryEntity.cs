namespace Hub.Storage.Metadata.Entities;

/// <summary>A model, dataset or space repository and the metadata indexed from its default branch.</summary>
internal sealed class RepositoryEntity
{
    /// <summary>Stable 24-hex id; also names the git repository on disk.</summary>
    public required string Id { get; set; }
    /// <summary><c>model</c>, <c>dataset</c> or <c>space</c>.</summary>
    public required string Type { get; set; }
    public long NamespaceId { get; set; }
    public required string Name { get; set; }
    /// <summary>Lower-case <c>namespace/name</c>: unique per type, used for look-up and substring search.</summary>
    public required string NormalizedFullName { get; set; }
    /// <summary><c>namespace/name</c> as created.</summary>
    public required string FullName { get; set; }
    public bool Private { get; set; }
    /// <summary><c>none</c>, <c>auto</c> or <c>manual</c>.</summary>
    public string Gated { get; set; } = "none";
    public bool Disabled { get; set; }
    public string DefaultBranch { get; set; } = "main";
    public string? HeadCommit { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime LastModified { get; set; }
    /// <summary>YAML front matter of README.md as JSON.</summary>
    public string? CardData { get; set; }
    public string? PipelineTag { get; set; }
    public string? LibraryName { get; set; }
    public string? Sdk { get; set; }
    /// <summary>Extra per-repo JSON (config, safetensors figures…) indexed from the files.</summary>
    public string? IndexedData { get; set; }
    /// <summary>
    /// The words full-text search looks in (id, card metadata, card text): lower-case <c>[a-z0-9]</c> words, each once,
    /// space separated with a space at both ends, built by <see cref="Repositories.SearchText"/>.
    /// </summary>
    public string? SearchText { get; set; }
    public int Likes { get; set; }
    public long Downloads { get; set; }
    public long DownloadsAllTime { get; set; }
    public double TrendingScore { get; set; }
    public List<RepositoryTagEntity> Tags { get; set; } = [];
    /// <summary>
    /// The same tag set as <see cref="Tags"/>, sorted, on the row itself: a page of a list is read with its tags in one
    /// round trip, and PostgreSQL filters by tag with array containment (<c>@&gt;</c>) on the row or through a GIN index.
    /// A text[] on PostgreSQL, JSON on SQLite. Written together with <see cref="Tags"/> (the table stays the one to
    /// count or join on).
    /// </summary>
    public string[] TagNames { get; set; } = [];
}
