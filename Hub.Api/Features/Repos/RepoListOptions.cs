using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Features.Repos;

/// <summary>Repository listing settings (section <c>Hub:Lists</c>).</summary>
public sealed class RepoListOptions
{
    public const string Section = "Hub:Lists";

    /// <summary>Largest page served; a client asking for more follows the Link header.</summary>
    [Range(1, 1000)]
    public int MaxPageSize { get; set; } = 1000;
}
