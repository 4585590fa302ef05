namespace Hub.Api.Features.Lfs;

/// <summary>An upload cannot be finished; <see cref="StatusCode"/> says why (400 bad bytes, 404 nothing uploaded, 409 parts missing).</summary>
public sealed class LfsUploadException(int statusCode, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;
}
