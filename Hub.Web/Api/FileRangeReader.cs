using System.Net;
using System.Net.Http.Headers;

namespace Hub.Web.Api;

/// <summary>
/// Reads byte ranges of a file at a revision (the Parquet preview's footer and first row group): a range request to the
/// hub's resolve URL, and, when the hub redirects to storage (a presigned S3 URL or a signed hub URL), the same range
/// request there with this client's own HttpClient, which carries none of the caller's credentials.
/// </summary>
public sealed class FileRangeReader(HttpClient storage, HubApiClient api)
{
    public async Task<byte[]> ReadAsync(string type, string id, string revision, string path, long offset, int count, CancellationToken ct)
    {
        var (bytes, location) = await api.GetRangeAsync(type, id, revision, path, offset, count, ct);
        if (bytes is not null) return bytes;
        using var request = new HttpRequestMessage(HttpMethod.Get, location);
        request.Headers.Range = new RangeHeaderValue(offset, offset + count - 1);
        using var response = await storage.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        if (!response.IsSuccessStatusCode) throw new HubApiException((int)response.StatusCode, $"Storage answered {(int)response.StatusCode} to a range request.");
        return await BodyAsync(response, offset, count, ct);
    }

    /// <summary>The requested bytes of an answer: all of a 206, or the slice of a 200 that ignored the range.</summary>
    internal static async Task<byte[]> BodyAsync(HttpResponseMessage response, long offset, int count, CancellationToken ct)
    {
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        if (response.StatusCode != HttpStatusCode.PartialContent)
        {
            var skip = new byte[81920];
            for (var left = offset; left > 0;)
            {
                var n = await body.ReadAsync(skip.AsMemory(0, (int)Math.Min(skip.Length, left)), ct);
                if (n == 0) break;
                left -= n;
            }
        }
        var buffer = new byte[count];
        var read = 0;
        while (read < count)
        {
            var n = await body.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return read == count ? buffer : buffer[..read];
    }
}
