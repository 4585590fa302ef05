using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace Hub.Api.Hosting;

/// <summary>
/// The configuration files (<c>appsettings.json</c>, <c>appsettings.{Environment}.json</c>) reload on change by polling
/// those two files, not through the host's default watch, which puts an inotify watch on every directory under the
/// content root, recursively, to learn about two files in it. With the embedded defaults the data directory lies under
/// the content root (<c>dotnet run</c>: <c>Hub.Api/data</c>), so the hub watched every folder of every git repository
/// (about 20 per repository, up to 270 once pushed to; the per-user inotify limit is shared by all processes on a
/// node, 8,192 on many systems) and woke for every byte written to its own blobs, repositories and database.
/// </summary>
internal static class ConfigFiles
{
    /// <summary>Host setting that keeps the default configuration files from being watched: <see cref="ReloadByPolling"/> takes over.</summary>
    public const string NoWatchArg = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary>Swaps the default, unwatched JSON sources for ones that reload by polling (every 4 s), and returns the provider to dispose.</summary>
    public static IDisposable ReloadByPolling(WebApplicationBuilder builder)
    {
        var files = new PhysicalFileProvider(builder.Environment.ContentRootPath) { UsePollingFileWatcher = true, UseActivePolling = true };
        var sources = builder.Configuration.Sources;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is JsonConfigurationSource { Path: { } path, ReloadOnChange: false } json && json.FileProvider is null or PhysicalFileProvider
                && path.StartsWith("appsettings", StringComparison.OrdinalIgnoreCase) && !Path.IsPathRooted(path))
                sources[i] = new JsonConfigurationSource { Path = path, Optional = json.Optional, ReloadOnChange = true, FileProvider = files };
        }
        return files;
    }
}
