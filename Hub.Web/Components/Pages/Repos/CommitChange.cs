using Hub.Web.Api;
using Hub.Web.Rendering;

namespace Hub.Web.Components.Pages.Repos;

/// <summary>A file a commit added, removed or modified, with its line diff when it is small text.</summary>
public sealed record CommitChange(string Path, string Kind, TreeEntry? Before, TreeEntry? After)
{
    public IReadOnlyList<DiffHunk>? Hunks { get; init; }

    /// <summary>Why no line diff is shown (binary, LFS, too large), if so.</summary>
    public string? Note { get; init; }

    public bool IsLfs => Before?.Lfs is not null || After?.Lfs is not null;

    public int Added => Hunks?.Sum(h => h.Lines.Count(l => l.Kind == DiffKind.Added)) ?? 0;

    public int Removed => Hunks?.Sum(h => h.Lines.Count(l => l.Kind == DiffKind.Removed)) ?? 0;
}
