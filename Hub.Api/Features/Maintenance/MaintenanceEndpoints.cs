using Hub.Api.Auth;
using Hub.Api.Features.Audit;
using Hub.Api.Http;
using Hub.Storage.Metadata.Audit;

namespace Hub.Api.Features.Maintenance;

/// <summary>
/// Site-admin maintenance: <c>POST /api/admin/gc?dryRun=true|false</c> (a dry run unless <c>dryRun=false</c>; 409 while
/// another collection holds the lease) and <c>POST /api/admin/repair</c> (re-index repositories whose index lags git).
/// </summary>
public static class MaintenanceEndpoints
{
    public static IEndpointRouteBuilder MapMaintenanceEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/gc", GcAsync);
        app.MapPost("/api/admin/repair", RepairAsync);
        return app;
    }

    private static async Task<IResult> GcAsync(HttpContext context, string? dryRun, GarbageCollector collector, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (AdminGate.Refuse(caller, write: true) is { } refused) return refused;
        var dry = HfJson.ParseBool(dryRun) ?? true;
        var report = await collector.RunAsync(dry, ct);
        if (report is null) return HfErrors.Conflict("Another garbage collection is running; try again when it has finished.");
        if (!dry)
            await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User!.Id, "admin.gc", null, $"deleted={report.Deleted} bytes={report.DeletedBytes} restored={report.Restored.Count}", context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Json(report);
    }

    private static async Task<IResult> RepairAsync(HttpContext context, IndexRepairService repair, IAuditLog audit, TimeProvider time, CancellationToken ct)
    {
        var caller = context.GetCaller();
        if (AdminGate.Refuse(caller, write: true) is { } refused) return refused;
        var report = await repair.RepairAsync(ct);
        await audit.WriteAsync(new AuditEntry(time.GetUtcNow(), caller.User!.Id, "admin.repair", null, $"reindexed={report.Reindexed.Count} locks={report.LocksRemoved}", context.Connection.RemoteIpAddress?.ToString()), ct);
        return TypedResults.Json(report);
    }
}
