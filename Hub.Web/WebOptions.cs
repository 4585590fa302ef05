namespace Hub.Web;

/// <summary>Settings of the web UI (section <c>Hub:Web</c>).</summary>
public sealed class WebOptions
{
    public const string Section = "Hub:Web";

    /// <summary>The API the UI calls; null: this host itself (all roles in one process).</summary>
    public Uri? ApiBaseUrl { get; set; }

    /// <summary>Repositories per page of the model and dataset lists.</summary>
    public int PageSize { get; set; } = 30;
}
