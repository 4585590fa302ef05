using System.Globalization;
using Hub.Api.Features.Repos;
using Hub.Api.Http;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;

namespace Hub.Api.Features.Lfs;

/// <summary>
/// The git-lfs batch API shared by git-lfs and the HF clients: <c>/{prefix}{ns}/{name}.git/info/lfs/objects/batch</c>
/// (hf-api.md §2.7.3, §2.8.2), and <c>locks/verify</c> answered so git-lfs pushes without warnings.
/// </summary>
public static class LfsBatchEndpoints
{
    public static IEndpointRouteBuilder MapLfsBatchEndpoints(this IEndpointRouteBuilder app)
    {
        foreach (var (prefix, type) in new[] { ("", RepoTypes.Model), ("/datasets", RepoTypes.Dataset), ("/spaces", RepoTypes.Space) })
        {
            app.MapPost(prefix + "/{ns}/{name}.git/info/lfs/objects/batch",
                (HttpContext c, string ns, string name, RepoLookup l, LfsUploads u, LfsDownloads d, LfsUrls urls, IBlobStore b, ILfsObjectStore o, CancellationToken ct) =>
                    BatchAsync(c, type, ns, name, l, u, d, urls, b, o, ct));
            app.MapPost(prefix + "/{ns}/{name}.git/info/lfs/locks/verify",
                (HttpContext c, string ns, string name, RepoLookup l, CancellationToken ct) => VerifyLocksAsync(c, type, ns, name, l, ct));
        }
        return app;
    }

    private static async Task<IResult> BatchAsync(
        HttpContext context, string type, string ns, string name, RepoLookup lookup, LfsUploads uploads, LfsDownloads downloads,
        LfsUrls urls, IBlobStore blobs, ILfsObjectStore objects, CancellationToken ct)
    {
        var (body, bodyError) = await JsonBody.ReadAsync<LfsBatchRequest>(context.Request, ct, 8 * 1024 * 1024);
        if (bodyError is not null) return LfsResponses.FromLookup(bodyError);
        var upload = body!.Operation switch
        {
            "upload" => true,
            "download" => false,
            _ => (bool?)null,
        };
        if (upload is null) return LfsResponses.Error(422, "operation must be \"upload\" or \"download\".");
        if (body.HashAlgo is not (null or "sha256" or "sha_256")) return LfsResponses.Error(409, $"Unsupported hash algorithm {body.HashAlgo}: use sha256.");
        if (body.Objects is not { Count: > 0 and <= 1000 } requested) return LfsResponses.Error(422, "objects must list between 1 and 1000 objects.");
        var (found, error) = await lookup.FindAsync(context, type, ns, name, upload.Value ? RepoNeed.Write : RepoNeed.ReadFiles, ct);
        if (error is not null) return LfsResponses.FromLookup(error);
        var repo = found!.Repo;
        var multipart = body.Transfers?.Contains("multipart") == true;
        var results = new List<object>();
        var usedMultipart = false;
        foreach (var spec in requested)
        {
            if (!BlobKeys.IsSha256(spec.Oid) || spec.Size is not { } size || size < 0)
            {
                results.Add(new { oid = spec.Oid ?? "", size = spec.Size ?? 0, error = new { code = 422, message = "oid must be 64 lower-case hex characters and size a non-negative integer." } });
                continue;
            }
            var oid = spec.Oid!;
            if (!upload.Value)
            {
                if (await context.RequestServices.GetRequiredService<Scanning.RepoScanner>().IsQuarantinedAsync(Scanning.ContentKeys.Lfs(oid), ct))
                {
                    results.Add(new { oid, size, error = new { code = 403, message = "This object is quarantined: the hub's security scan found unsafe content in it." } });
                    continue;
                }
                results.Add(await downloads.BatchEntryAsync(context, repo, oid, size, ct));
                continue;
            }
            if (size > uploads.Options.MaxObjectSize)
            {
                results.Add(new { oid, size, error = new { code = 422, message = $"Objects larger than {uploads.Options.MaxObjectSize} bytes are not accepted." } });
                continue;
            }
            if (await objects.GetLinkedAsync(repo.Id, oid, ct) is { } stored && stored.Size == size)
            {
                results.Add(new { oid, size, authenticated = true });
                continue;
            }
            var useMultipart = multipart && size >= uploads.Options.MultipartThreshold;
            usedMultipart |= useMultipart;
            UploadSessionRecord session;
            bool started;
            try
            {
                (session, started) = await uploads.GetOrStartAsync(repo.Id, oid, size, useMultipart, ct);
            }
            catch (LfsUploadException e)
            {
                results.Add(new { oid, size, error = new { code = e.StatusCode, message = e.Message } });
                continue;
            }
            results.Add(useMultipart
                ? await MultipartEntryAsync(context, session, started, repo.Id, uploads, urls, blobs, ct)
                : new
                {
                    oid,
                    size,
                    authenticated = true,
                    actions = new
                    {
                        upload = new { href = (uploads.Options.UploadThroughHub ? null : blobs.GetDirectWriteUrl(session.StagingKey, uploads.Options.UrlLifetime))?.AbsoluteUri ?? urls.Upload(context, session.Id, repo.Id), expires_in = urls.ExpiresInSeconds },
                        verify = new { href = urls.Verify(context, oid, repo.Id), expires_in = urls.ExpiresInSeconds },
                    },
                });
        }
        return LfsResponses.Json(new { transfer = usedMultipart ? "multipart" : "basic", objects = results, hash_algo = "sha256" });
    }

    private static async Task<object> MultipartEntryAsync(
        HttpContext context, UploadSessionRecord session, bool started, string repoId, LfsUploads uploads, LfsUrls urls, IBlobStore blobs, CancellationToken ct)
    {
        var stored = started ? [] : await uploads.StoredPartsAsync(session, ct);
        var header = new Dictionary<string, string> { ["chunk_size"] = session.ChunkSize.ToString(CultureInfo.InvariantCulture) };
        for (var part = 1; part <= session.PartCount; part++)
        {
            // Through the hub (the default) the parts are hashed on their way to the store; else they go straight there.
            header[part.ToString(CultureInfo.InvariantCulture)] =
                (uploads.Options.UploadThroughHub ? null : blobs.GetDirectPartUrl(session.StagingKey, session.MultipartUploadId!, part, uploads.Options.UrlLifetime))?.AbsoluteUri
                ?? urls.Part(context, session.Id, repoId, part);
        }
        return new
        {
            oid = session.Oid,
            size = session.Size,
            authenticated = true,
            actions = new { upload = new { href = urls.Complete(context, session.Id, repoId), header, expires_in = urls.ExpiresInSeconds } },
            // Extension (ignored by the HF clients): parts already stored, so a resuming client sends only the rest.
            uploadedParts = stored.Select(p => new { partNumber = p.PartNumber, etag = p.ETag, size = p.Size }),
        };
    }

    private static async Task<IResult> VerifyLocksAsync(HttpContext context, string type, string ns, string name, RepoLookup lookup, CancellationToken ct)
    {
        var (_, error) = await lookup.FindAsync(context, type, ns, name, RepoNeed.Write, ct);
        if (error is not null) return LfsResponses.FromLookup(error);
        // Locking is not offered. 501 is the answer git-lfs understands as "no locking API here": it turns lock
        // verification off for this remote without a word. An empty 200 would make it print "Locking support detected"
        // on every first push, and any other error a "does not support the locking API" warning.
        return LfsResponses.Error(501, "File locking is not supported by this hub.");
    }
}
