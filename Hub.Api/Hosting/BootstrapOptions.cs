using System.ComponentModel.DataAnnotations;

namespace Hub.Api.Hosting;

/// <summary>First-start set-up for scripted installs and CI (section <c>Hub:Bootstrap</c>).</summary>
public sealed class BootstrapOptions
{
    public const string Section = "Hub:Bootstrap";

    /// <summary>When set and the hub has no users yet, user <c>admin</c> is created holding this write token.</summary>
    [RegularExpression("^hf_[A-Za-z0-9]{20,}$", ErrorMessage = "Hub:Bootstrap:AdminToken must start with hf_ followed by at least 20 letters or digits.")]
    public string? AdminToken { get; set; }

    /// <summary>Optional password for the bootstrap admin (to log in to the UI).</summary>
    public string? AdminPassword { get; set; }
}
