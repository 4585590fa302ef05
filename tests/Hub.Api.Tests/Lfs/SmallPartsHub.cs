using Hub.Api.Tests.Infrastructure;

namespace Hub.Api.Tests.Lfs;

/// <summary>
/// The production hub (PostgreSQL + Ceph RGW) with 5 MiB parts, so multipart uploads of a few parts stay small, and room
/// for one part in memory, so waiting parts use both memory and files.
/// </summary>
public class SmallPartsHub() : HubServer(production: true)
{
    public const long ChunkSize = 5L * 1024 * 1024;

    protected override IEnumerable<KeyValuePair<string, string?>> Settings() =>
    [
        new("Hub:Lfs:ChunkSize", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Hub:Lfs:MultipartThreshold", ChunkSize.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        // Room for one part in memory: parts that arrive ahead of their turn wait there or, past it, in files.
        new("Hub:Lfs:InlineHashMemoryLimit", (ChunkSize + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)),
        .. Extra(),
    ];

    /// <summary>Settings a variant adds.</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> Extra() => [];
}
