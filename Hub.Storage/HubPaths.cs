using Microsoft.Extensions.Configuration;

namespace Hub.Storage;

/// <summary>Resolves the embedded-default locations under <c>Hub:DataDir</c>.</summary>
public static class HubPaths
{
    /// <summary><c>Hub:DataDir</c> as an absolute path (default <c>./data</c>).</summary>
    public static string DataDir(IConfiguration configuration) =>
        Path.GetFullPath(configuration["Hub:DataDir"] is { Length: > 0 } dir ? dir : "data");

    /// <summary>The git repository root.</summary>
    public static string RepoRoot(IConfiguration configuration, StorageOptions options) =>
        Path.GetFullPath(options.RepoRoot ?? Path.Combine(DataDir(configuration), "repos"));

    /// <summary>The filesystem blob root.</summary>
    public static string BlobRoot(IConfiguration configuration, StorageOptions options) =>
        Path.GetFullPath(options.BlobRoot ?? Path.Combine(DataDir(configuration), "blobs"));
}
