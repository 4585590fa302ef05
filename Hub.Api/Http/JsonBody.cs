using System.Text.Json;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Api.Http;

/// <summary>
/// Reads a JSON body whatever its content type (clients send application/json, application/vnd.git-lfs+json, or none),
/// with a size cap, and turns malformed input into a 400 that says what is wrong.
/// </summary>
public static class JsonBody
{
    public const int DefaultMaxBytes = 16 * 1024 * 1024;

    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = false, AllowTrailingCommas = true, Converters = { new NoNullItemsConverterFactory() } };

    public static async Task<(T? Value, IResult? Error)> ReadAsync<T>(HttpRequest request, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (request.ContentLength > maxBytes)
            return (null, new HfError(413, $"The request body is larger than {maxBytes} bytes."));
        try
        {
            await using var limited = new LimitedReadStream(request.Body, maxBytes);
            var value = await JsonSerializer.DeserializeAsync<T>(limited, Options, cancellationToken);
            return value is null ? (null, HfErrors.BadRequest("The request body must be a JSON object.")) : (value, null);
        }
        catch (JsonException e)
        {
            return (null, HfErrors.BadRequest(Describe(e)));
        }
        catch (LimitedReadStream.TooLargeException)
        {
            return (null, new HfError(413, $"The request body is larger than {maxBytes} bytes."));
        }
    }

    /// <summary>
    /// As <see cref="ReadAsync{T}"/> for a body the client may leave out (create_branch without a revision): an absent or
    /// empty body is <paramref name="absent"/>. Whether a body came is read from the body itself, not from
    /// <c>Content-Length</c>, which chunked and HTTP/2 requests do not send: a branch asked for at a revision that way
    /// was silently created at the default branch.
    /// </summary>
    public static async Task<(T? Value, IResult? Error)> ReadOptionalAsync<T>(HttpRequest request, T absent, CancellationToken cancellationToken, int maxBytes = DefaultMaxBytes)
        where T : class
    {
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
            return (absent, null);
        var reader = request.BodyReader;
        var read = await reader.ReadAsync(cancellationToken);
        var empty = read.Buffer.IsEmpty && read.IsCompleted;
        reader.AdvanceTo(read.Buffer.Start);
        return empty ? (absent, null) : await ReadAsync<T>(request, cancellationToken, maxBytes);
    }

    /// <summary>Says where the body is wrong without naming .NET types ("could not be converted to Hub.Api...Request").</summary>
    private static string Describe(JsonException e)
    {
        if (e.Path is not { } path) return $"The request body is not valid JSON: {e.Message}";
        if (e.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal))
            return $"The request body is not valid: the value at {path} has the wrong type.";
        var message = e.Message.Split(" Path: ", 2)[0];
        return $"The request body is not valid at {path}: {message}";
    }
}
