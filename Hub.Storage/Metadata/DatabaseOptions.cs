using System.ComponentModel.DataAnnotations;

namespace Hub.Storage.Metadata;

/// <summary>Which database holds the metadata (section <c>Hub:Database</c>; the connection string is <c>ConnectionStrings:Hub</c>).</summary>
public sealed class DatabaseOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Hub:Database";

    /// <summary><c>sqlite</c> (embedded default) or <c>postgres</c>.</summary>
    [RegularExpression("^(sqlite|postgres)$", ErrorMessage = "Hub:Database:Provider must be 'sqlite' or 'postgres'.")]
    public string Provider { get; set; } = "sqlite";

    /// <summary>Apply pending migrations when the host starts (the embedded default); production runs <c>Hub.Api migrate</c>.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
