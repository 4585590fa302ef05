namespace Hub.Api.Tests.Lfs;

/// <summary><see cref="SmallPartsHub"/> with <c>Hub:Lfs:UploadThroughHub</c> off: clients PUT parts to presigned S3 URLs.</summary>
public sealed class PresignedPartsHub : SmallPartsHub
{
    protected override IEnumerable<KeyValuePair<string, string?>> Extra() => [new("Hub:Lfs:UploadThroughHub", "false")];
}
