using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Hub.Api.Auth;
using Hub.Api.Features.Audit;
using Hub.Api.Http;
using Hub.Storage.Metadata.Audit;
using Hub.Storage.Metadata.Scanning;

namespace Hub.Api.Features.Scanning;

/// <summary>
/// Site admins review what the scanner flagged (<c>GET /api/admin/scans?status=unsafe|caution|quarantined</c>) and
/// release quarantined content after review (<c>POST /api/admin/scans/release</c> <c>{"contentKey": ...}</c>: it is
/// served again, still marked unsafe).
/// </summary>
public static class ScanningEndpoints
{
    public sealed record ReleaseRequest([property: JsonPropertyName("contentKey")] string? ContentKey);

    public static IEndpointRouteBuilder MapScanningEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/scans", ListAsync);
        app.MapPost("/api/admin/scans/release", ReleaseAsync);
        return app;
    }

    private static async Task<IResult> ListAsync(HttpContext context, string? status, int? limit, IFileScanStore scans, CancellationToken ct)
    {
        if (AdminGate.Refuse(context.GetCaller(), write: false) is { } refused) return refused;
        var wanted = status ?? FileScanStatus.Unsafe;
        if (wanted is not (FileScanStatus.Unsafe or FileScanStatus.Caution or FileScanStatus.Quarantined or FileScanStatus.Safe))
            return HfErrors.BadRequest("status must be unsafe, caution, quarantined or safe.");
        var list = await scans.ListAsync(wanted, limit ?? 100, ct);
        return TypedResults.Json(list.Select(s => new
        {
            contentKey = s.ContentKey,
            status = s.Status,
            scannedAt = HfJson.Date(s.ScannedAt),
            pickleImports = s.PickleImports is null ? null : JsonNode.Parse(s.PickleImports),
            issues = s.Issues is null ? null : JsonNode.Parse(s.Issues),
        }));
    }

    private static async Task<IResult> ReleaseAsync(HttpContext context, IFileScanStore scans, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (AdminGate.Refuse(caller, write: true) is { } refused) return refused;
        var (body, error) = await JsonBody.ReadAsync<ReleaseRequest>(context.Request, ct, 4096);
        if (error is not null) return error;
        if (body!.ContentKey is not { Length: > 0 } key) return HfErrors.BadRequest("contentKey is required.");
        var found = await scans.GetManyAsync([key], ct);
        if (!found.TryGetValue(key, out var verdict) || verdict.Status != FileScanStatus.Quarantined)
            return new HfError(404, $"{key} is not in quarantine.");
        await scans.PutAsync(verdict with { Status = FileScanStatus.Unsafe }, ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User!.Id, "admin.scan_release", key, null, context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Json(new { contentKey = key, status = FileScanStatus.Unsafe });
    }
}
