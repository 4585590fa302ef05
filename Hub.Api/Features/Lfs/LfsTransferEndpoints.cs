using Hub.Api.Security;
using Hub.Api.Telemetry;
using Hub.Storage.Blobs;
using Hub.Storage.Metadata.Lfs;
using Microsoft.AspNetCore.Http.Features;

namespace Hub.Api.Features.Lfs;

/// <summary>
/// The signed URLs LFS clients call without credentials (hf-api.md §2.7.4): whole-object PUT and part PUTs (when the
/// blob store has no presigned URLs), multipart completion, verify, and downloads.
/// </summary>
public static class LfsTransferEndpoints
{
    private static readonly string[] GetHead = ["GET", "HEAD"];

    public static IEndpointRouteBuilder MapLfsTransferEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/lfs").AddEndpointFilter(async (context, next) =>
            context.HttpContext.RequestServices.GetRequiredService<UrlSigner>().Verify(context.HttpContext.Request)
                ? await next(context)
                : LfsResponses.Error(403, "This URL is not valid: its signature is wrong or it has expired. Ask the batch API for a new one."));
        group.MapPut("/uploads/{sessionId}", PutObjectAsync).DisableRequestTimeout();
        group.MapPut("/uploads/{sessionId}/parts/{part:int}", PutPartAsync).DisableRequestTimeout();
        group.MapPost("/uploads/{sessionId}/complete", CompleteAsync).DisableRequestTimeout();
        group.MapPost("/verify/{oid}", VerifyAsync).DisableRequestTimeout();
        group.MapMethods("/objects/{oid}", GetHead, DownloadAsync).DisableRequestTimeout();
        return app;
    }

    private static void LiftBodyLimit(HttpContext context)
    {
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = null;
    }

    private static async Task<IResult> PutObjectAsync(HttpContext context, string sessionId, string repo, ILfsObjectStore objects, LfsUploads uploads, CancellationToken ct)
    {
        LiftBodyLimit(context);
        var session = await objects.GetSessionAsync(sessionId, ct);
        if (session is null || session.RepositoryId != repo) return LfsResponses.Error(404, LfsUploads.SessionGone);
        if (context.Request.ContentLength is { } length && length != session.Size)
            return LfsResponses.Error(400, $"Object {session.Oid} has {session.Size} bytes; the request sends {length}.");
        try
        {
            await uploads.ReceiveAsync(session, repo, context.Request.Body, ct);
            ApiTelemetry.LfsBytesUploaded.Add(session.Size);
            return TypedResults.Ok();
        }
        catch (LfsUploadException e)
        {
            return LfsResponses.Error(e.StatusCode, e.Message);
        }
    }

    private static async Task<IResult> PutPartAsync(HttpContext context, string sessionId, int part, string repo, ILfsObjectStore objects, LfsUploads uploads, CancellationToken ct)
    {
        LiftBodyLimit(context);
        var session = await objects.GetSessionAsync(sessionId, ct);
        if (session?.MultipartUploadId is null || session.RepositoryId != repo) return LfsResponses.Error(404, LfsUploads.SessionGone);
        if (part < 1 || part > session.PartCount) return LfsResponses.Error(400, $"Part numbers of this upload run from 1 to {session.PartCount}.");
        var expected = LfsUploads.PartLength(session, part);
        if (context.Request.ContentLength is { } length && length != expected)
            return LfsResponses.Error(400, $"Part {part} must have {expected} bytes; the request sends {length}.");
        try
        {
            context.Response.Headers.ETag = await uploads.ReceivePartAsync(session, part, context.Request.Body, ct);
        }
        catch (LfsUploadException e)
        {
            return LfsResponses.Error(e.StatusCode, e.Message);
        }
        catch (BlobNotFoundException)
        {
            return LfsResponses.Error(404, LfsUploads.SessionGone);
        }
        ApiTelemetry.LfsBytesUploaded.Add(expected);
        return TypedResults.Ok();
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, string sessionId, string repo, ILfsObjectStore objects, LfsUploads uploads, CancellationToken ct)
    {
        var session = await objects.GetSessionAsync(sessionId, ct);
        if (session is null || session.RepositoryId != repo) return LfsResponses.Error(404, LfsUploads.SessionGone);
        try
        {
            await uploads.FinishAsync(session, repo, ct);
            return LfsResponses.Json(new { success = true });
        }
        catch (LfsUploadException e)
        {
            return LfsResponses.Error(e.StatusCode, e.Message);
        }
    }

    private static async Task<IResult> VerifyAsync(HttpContext context, string oid, string repo, LfsUploads uploads, CancellationToken ct)
    {
        try
        {
            await uploads.EnsureCommittableAsync(repo, oid, null, ct);
            return LfsResponses.Json(new { success = true });
        }
        catch (LfsUploadException e)
        {
            return LfsResponses.Error(e.StatusCode == 400 ? 404 : e.StatusCode, e.Message);
        }
    }

    private static async Task<IResult> DownloadAsync(HttpContext context, string oid, string repo, string? name, ILfsObjectStore objects, LfsDownloads downloads, CancellationToken ct)
    {
        if (await objects.GetLinkedAsync(repo, oid, ct) is not { } stored)
            return LfsResponses.Error(404, "Object does not exist");
        await downloads.StreamAsync(context, oid, stored.Size, name ?? oid);
        return TypedResults.Empty;
    }
}
