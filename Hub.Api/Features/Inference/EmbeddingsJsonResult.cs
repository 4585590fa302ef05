using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Hub.Api.Features.Inference;

/// <summary>
/// An embeddings answer written with <see cref="Utf8JsonWriter"/>: no answer objects, no reflection over an
/// <c>object</c>-typed vector, no intermediate string. The bytes are what the serializer wrote for
/// <see cref="OpenAiEmbeddings"/> (OpenAI shape) or for <c>float[][]</c> (TEI shape): same property order, same shortest
/// round-trip float format, same base64. The answer is written whole before it is sent (it was held in the response
/// pipe until the end anyway), so it goes out with its Content-Length in one write: streamed, it went out as a chunk
/// and then the chunked terminator, a second write the client had to wait for.
/// </summary>
internal sealed class EmbeddingsJsonResult(float[][] vectors, bool openAi, string? model = null, int tokens = 0, bool base64 = false) : IResult
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        // About 12 bytes per float as text (sign, digits, comma); base64 needs less.
        var body = new ArrayBufferWriter<byte>(Math.Min(1 << 20, 256 + 12 * vectors.Sum(v => v.Length)));
        await using (var writer = new Utf8JsonWriter(body, Options))
        {
            if (openAi) WriteOpenAi(writer);
            else WriteTei(writer);
        }
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = body.WrittenCount;
        await response.BodyWriter.WriteAsync(body.WrittenMemory, httpContext.RequestAborted);
    }

    private void WriteOpenAi(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("object"u8, "list"u8);
        writer.WriteStartArray("data"u8);
        for (var i = 0; i < vectors.Length; i++)
        {
            var vector = vectors[i].AsSpan();
            writer.WriteStartObject();
            writer.WriteString("object"u8, "embedding"u8);
            if (base64)
            {
                writer.WriteBase64String("embedding"u8, MemoryMarshal.AsBytes(vector));
            }
            else
            {
                writer.WriteStartArray("embedding"u8);
                foreach (var value in vector) writer.WriteNumberValue(value);
                writer.WriteEndArray();
            }
            writer.WriteNumber("index"u8, i);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteString("model"u8, model);
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, tokens);
        writer.WriteNumber("total_tokens"u8, tokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void WriteTei(Utf8JsonWriter writer)
    {
        writer.WriteStartArray();
        foreach (var vector in vectors)
        {
            writer.WriteStartArray();
            foreach (var value in vector) writer.WriteNumberValue(value);
            writer.WriteEndArray();
        }
        writer.WriteEndArray();
    }
}
