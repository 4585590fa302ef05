namespace Hub.Web.Rendering;

/// <summary>One file of a git unified diff: its path, how it changed, its hunks and any note git gave instead of lines.</summary>
public sealed record UnifiedDiffFile(string Path, string Kind, IReadOnlyList<DiffHunk> Hunks, string? Note)
{
    public int Added => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffKind.Added));

    public int Removed => Hunks.Sum(h => h.Lines.Count(l => l.Kind == DiffKind.Removed));
}
