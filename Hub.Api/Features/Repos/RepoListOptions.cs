using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Repos;

/// <summary>Repository listing settings (section <c>Hub:Lists</c>).</summary>
public sealed class RepoListOptions
{
    public const string Section = "Hub:Lists";

    /// <summary>Largest page served; a client asking for more follows the Link header.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 1000;

    /// <summary>
    /// Keeps serialized list pages in memory per query and visibility, dropped in every process on any repository change
    /// (see <see cref="Search.ListResponseCache"/>).
    /// </summary>
    public bool CacheEnabled { get; set; } = true;

    /// <summary>
    /// Longest time a cached page is served: bounds how late download counts and trending scores written by other
    /// processes show (every other change drops the cache at once).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan CacheTtl { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Memory the cached pages may take, in MiB (least recently used pages go first).</summary>
    [Range(1, 4096)]
    public int CacheSizeMb { get; set; } = 64;
}
