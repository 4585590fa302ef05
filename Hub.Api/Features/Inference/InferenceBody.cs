using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Hub.Api.Features.Inference;

/// <summary>
/// Reads an inference request's JSON body as bytes (bounded), so the API can forward it to a worker untouched, and
/// parses it where needed; failures are answered in the route's error shape.
/// </summary>
public static class InferenceBody
{
    public const int MaxBytes = 16 * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { AllowTrailingCommas = true };

    public static async Task<(byte[]? Body, IResult? Error)> ReadAsync(HttpRequest request, Func<int, string, IResult> shape, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return (null, TooLarge(shape));
        var reader = request.BodyReader;
        while (true)
        {
            var read = await reader.ReadAsync(cancellationToken);
            var buffer = read.Buffer;
            if (buffer.Length > MaxBytes)
            {
                reader.AdvanceTo(buffer.End);
                return (null, TooLarge(shape));
            }
            if (read.IsCompleted || read.IsCanceled)
            {
                var bytes = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return (bytes, null);
            }
            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    public static (JsonObject? Json, IResult? Error) Parse(ReadOnlyMemory<byte> body, Func<int, string, IResult> shape)
    {
        try
        {
            return JsonNode.Parse(body.Span, documentOptions: DocumentOptions) is JsonObject json
                ? (json, null)
                : (null, shape(400, "The request body must be a JSON object."));
        }
        catch (JsonException e)
        {
            return (null, shape(400, $"The request body is not valid JSON: {e.Message}"));
        }
    }

    /// <summary>True when the body starts (after white space) with <c>{</c>: a JSON object rather than an image's bytes.</summary>
    public static bool LooksLikeJson(ReadOnlySpan<byte> body)
    {
        foreach (var b in body)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n') continue;
            return b == (byte)'{';
        }
        return false;
    }

    private static IResult TooLarge(Func<int, string, IResult> shape) => shape(413, $"The request body is larger than {MaxBytes} bytes.");
}
