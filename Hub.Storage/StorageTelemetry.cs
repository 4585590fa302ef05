using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Hub.Storage;

/// <summary>The ActivitySource and Meter of Hub.Storage (one each, named <c>Hub.Storage</c>).</summary>
public static class StorageTelemetry
{
    /// <summary>Name of the source and meter.</summary>
    public const string Name = "Hub.Storage";

    /// <summary>Traces of storage operations (git commands, S3 calls, database work).</summary>
    public static readonly ActivitySource ActivitySource = new(Name);

    /// <summary>Storage metrics.</summary>
    public static readonly Meter Meter = new(Name);

    /// <summary>Bytes written to the blob store.</summary>
    public static readonly Counter<long> BlobBytesWritten = Meter.CreateCounter<long>("hub.storage.blob.bytes_written", "By");

    /// <summary>Blobs refused because their bytes did not match the claimed size or sha256.</summary>
    public static readonly Counter<long> BlobIntegrityFailures = Meter.CreateCounter<long>("hub.storage.blob.integrity_failures");

    /// <summary>Duration of git commands run by the repository store.</summary>
    public static readonly Histogram<double> GitCommandDuration = Meter.CreateHistogram<double>("hub.storage.git.command.duration", "s");

    /// <summary>Ref updates lost to a concurrent writer.</summary>
    public static readonly Counter<long> RefConflicts = Meter.CreateCounter<long>("hub.storage.git.ref_conflicts");
}
