namespace Hub.Api.Features.Commits;

/// <summary>A commit refused before anything was written; <see cref="StatusCode"/> and <see cref="ErrorCode"/> follow hf-api.md §1.5.</summary>
public sealed class CommitRejectedException(int statusCode, string message, string? errorCode = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string? ErrorCode { get; } = errorCode;
}
