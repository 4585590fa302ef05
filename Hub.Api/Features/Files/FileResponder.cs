using Hub.Api.Http;

namespace Hub.Api.Features.Files;

/// <summary>
/// Writes a file response with ETag, If-None-Match (304), single ranges (206 / 416) and HEAD handled, streaming the body
/// from whatever opens it (git blob, blob store) without buffering.
/// </summary>
public static class FileResponder
{
    public delegate Task<Stream> OpenAsync(long offset, long length, CancellationToken cancellationToken);

    public static async Task WriteAsync(HttpContext context, long length, string etag, string fileName, OpenAsync open)
    {
        var request = context.Request;
        var response = context.Response;
        var quoted = $"\"{etag}\"";
        response.Headers.ETag = quoted;
        response.Headers.AcceptRanges = "bytes";
        // hf-api.md §2.5: ?download=true asks for a download (attachment), ?noContentDisposition=1 for no header at all.
        var query = request.Query;
        if (HfJson.ParseBool(query["noContentDisposition"].FirstOrDefault()) != true)
            response.Headers.ContentDisposition = ContentDisposition(fileName, attachment: HfJson.ParseBool(query["download"].FirstOrDefault()) == true);
        response.ContentType = ContentTypes.For(fileName);
        // Repository files are untrusted and served from the hub's own origin: no type sniffing, and should a browser
        // render one anyway, no script, no requests, no access to the origin (opaque sandbox).
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; sandbox";
        if (request.Headers.IfNoneMatch.Any(v => v is not null && (v.Contains(quoted, StringComparison.Ordinal) || v.Trim() == "*" || v.Contains(etag, StringComparison.Ordinal))))
        {
            response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        var rangeHeader = request.Headers.Range.ToString();
        // If-Range with a different validator: the client's partial copy is stale, send everything.
        if (request.Headers.IfRange.ToString() is { Length: > 0 } ifRange && !ifRange.Contains(etag, StringComparison.Ordinal)) rangeHeader = "";
        var range = RangeRequest.Parse(rangeHeader, length, out var unsatisfiable);
        if (unsatisfiable)
        {
            response.StatusCode = StatusCodes.Status416RangeNotSatisfiable;
            response.Headers.ContentRange = $"bytes */{length}";
            response.ContentLength = 0;
            return;
        }
        var (offset, count) = range is { } r ? (r.Start, r.Length) : (0L, length);
        if (range is { } partial)
        {
            response.StatusCode = StatusCodes.Status206PartialContent;
            response.Headers.ContentRange = partial.ContentRange(length);
        }
        response.ContentLength = count;
        if (HttpMethods.IsHead(request.Method) || count == 0) return;
        await using var body = await open(offset, count, context.RequestAborted);
        await body.CopyToAsync(response.Body, 1 << 20, context.RequestAborted);
    }

    public static string ContentDisposition(string fileName, bool attachment = false)
    {
        var name = Path.GetFileName(fileName);
        var ascii = new string(name.Select(c => c is >= ' ' and <= '~' and not '"' and not '\\' ? c : '_').ToArray());
        return $"{(attachment ? "attachment" : "inline")}; filename*=UTF-8''{Uri.EscapeDataString(name)}; filename=\"{ascii}\";";
    }

    /// <summary>Skips <paramref name="offset"/> bytes of a forward-only stream (git blobs) and limits what is read after.</summary>
    public static async Task<Stream> SliceAsync(Stream stream, long offset, long length, CancellationToken cancellationToken)
    {
        if (offset > 0)
        {
            var buffer = new byte[Math.Min(offset, 1 << 16)];
            var remaining = offset;
            while (remaining > 0)
            {
                var n = await stream.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, remaining)), cancellationToken);
                if (n == 0) break;
                remaining -= n;
            }
        }
        return new SubStream(stream, length);
    }
}
