namespace Hub.Storage.Metadata.Entities;

/// <summary>A user's request for the files of a gated repository, and what became of it.</summary>
internal sealed class AccessRequestEntity
{
    public required string RepositoryId { get; set; }
    public long UserId { get; set; }
    /// <summary><c>pending</c>, <c>accepted</c> or <c>rejected</c>.</summary>
    public required string Status { get; set; }
    /// <summary>Answers to the repository's request form, as JSON.</summary>
    public string? Fields { get; set; }
    public DateTime CreatedAt { get; set; }
    public DateTime UpdatedAt { get; set; }
    /// <summary>The repository admin who accepted or rejected it; null while pending or when auto-approved.</summary>
    public long? DecidedByUserId { get; set; }
}
