using Hub.Api.Features.Files;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Hub.Storage.Metadata.Repositories;
using Microsoft.Extensions.Options;

namespace Hub.Api.Features.Lfs;

/// <summary>
/// Serves LFS objects: a 302 to a presigned blob-store URL when the store has them and redirects are on (how
/// huggingface.co does it), else streamed through the hub with ranges.
/// </summary>
public sealed class LfsDownloads(IBlobStore blobs, ILfsObjectStore objects, LfsUrls urls, IOptions<LfsOptions> options)
{
    /// <summary>Resolve of an LFS file: headers of hf-api.md §2.5.2 design B (redirect) or A (serve).</summary>
    public async Task<IResult> ServeAsync(HttpContext context, RepositoryRecord repo, LfsPointer lfs, string path, CancellationToken ct)
    {
        var response = context.Response;
        response.Headers["X-Linked-Size"] = lfs.Size.ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers["X-Linked-Etag"] = $"\"{lfs.Oid}\"";
        // Only an object this repository holds: a pointer is just text, which anyone may write into their own repository
        // (as a plain file, or through a path git-lfs never saw) naming any oid they learnt — another repository's
        // private or gated object would be served to them.
        if (await objects.GetLinkedAsync(repo.Id, lfs.Oid, ct) is null)
            return Http.HfErrors.EntryNotFound($"{path} (its LFS object {lfs.Oid} is not stored on this hub)", response.Headers["X-Repo-Commit"]);
        var direct = options.Value.RedirectDownloads ? blobs.GetDirectReadUrl(BlobKeys.Lfs(lfs.Oid), options.Value.UrlLifetime, Path.GetFileName(path)) : null;
        if (direct is not null)
        {
            response.Headers.ETag = $"\"{lfs.Oid}\"";
            // AbsoluteUri keeps the escapes; Uri.ToString() would unescape the signed query (spaces, quotes) into an
            // invalid Location that strict clients (curl) refuse.
            response.Headers.Location = direct.AbsoluteUri;
            response.StatusCode = StatusCodes.Status302Found;
            return TypedResults.Empty;
        }
        await StreamAsync(context, lfs.Oid, lfs.Size, path);
        return TypedResults.Empty;
    }

    public Task StreamAsync(HttpContext context, string oid, long size, string fileName) =>
        FileResponder.WriteAsync(context, size, oid, fileName, (offset, length, token) =>
            blobs.OpenReadAsync(BlobKeys.Lfs(oid), new ByteRange(offset, length), token));

    /// <summary>One object of a download batch: an href the client may GET without credentials, or a 404 error.</summary>
    public async Task<object> BatchEntryAsync(HttpContext context, RepositoryRecord repo, string oid, long size, CancellationToken ct)
    {
        if (await objects.GetLinkedAsync(repo.Id, oid, ct) is not { } stored)
            return new { oid, size, error = new { code = 404, message = "Object does not exist" } };
        var href = blobs.GetDirectReadUrl(BlobKeys.Lfs(oid), options.Value.UrlLifetime)?.AbsoluteUri ?? urls.Download(context, oid, repo.Id, oid);
        return new { oid, size = stored.Size, authenticated = true, actions = new { download = new { href, expires_in = urls.ExpiresInSeconds } } };
    }
}
