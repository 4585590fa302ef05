namespace Hub.Api.Tests.Security;

/// <summary>The production hub with uploads going straight to presigned S3 URLs (staged until verified).</summary>
public sealed class DirectUploadHub() : SecurityHub(production: true, new Dictionary<string, string?> { ["Hub:Lfs:UploadThroughHub"] = "false" });
