namespace Hub.Api.Features.Discussions;

/// <summary>A discussion change refused; <see cref="StatusCode"/> and the message become an <see cref="Http.HfError"/>.</summary>
public sealed class DiscussionRejectedException(int statusCode, string message, IReadOnlyList<string>? conflicts = null) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    /// <summary>For a conflicting merge: the paths that conflict.</summary>
    public IReadOnlyList<string> Conflicts { get; } = conflicts ?? [];
}
