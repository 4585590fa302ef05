using System.Collections.Concurrent;
using System.Diagnostics;
using Hub.Api.Telemetry;

namespace Hub.Api.Tests.Lfs;

/// <summary>
/// Listens to the hub's <c>lfs.finish</c> activities and records, per object id, how each completion checked the
/// sha256 (<see cref="ApiTelemetry.InlineVerification"/> or <see cref="ApiTelemetry.RereadVerification"/>): proof of
/// the path taken without measuring time. Keyed by oid, so hubs of other test classes do not interfere.
/// </summary>
public sealed class FinishRecorder : IDisposable
{
    private readonly ConcurrentDictionary<string, string> verifications = new();
    private readonly ActivityListener listener;

    public FinishRecorder()
    {
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ApiTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.OperationName == "lfs.finish" && activity.GetTagItem(ApiTelemetry.OidTag) is string oid &&
                    activity.GetTagItem(ApiTelemetry.VerificationTag) is string how)
                    verifications[oid] = how;
            },
        };
        ActivitySource.AddActivityListener(listener);
    }

    /// <summary>How the completion of <paramref name="oid"/> checked it, or null when none did.</summary>
    public string? VerificationOf(string oid) => verifications.TryGetValue(oid, out var how) ? how : null;

    public void Dispose() => listener.Dispose();
}
