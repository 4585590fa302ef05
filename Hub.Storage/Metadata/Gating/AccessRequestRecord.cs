namespace Hub.Storage.Metadata.Gating;

/// <summary>A request for the files of a gated repository, with the requesting user's names.</summary>
/// <param name="Status"><c>pending</c>, <c>accepted</c> or <c>rejected</c> (<see cref="AccessRequestStatus"/>).</param>
/// <param name="Fields">Answers to the request form as JSON, or null.</param>
/// <param name="DecidedByUserId">Who accepted or rejected it; null while pending or when approved automatically.</param>
public sealed record AccessRequestRecord(
    string RepositoryId,
    long UserId,
    string UserName,
    string? FullName,
    string? Email,
    string Status,
    string? Fields,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long? DecidedByUserId);
