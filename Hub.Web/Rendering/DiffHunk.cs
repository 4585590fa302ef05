namespace Hub.Web.Rendering;

/// <summary>Changed lines with a little context, and where they start in the old and new text.</summary>
public sealed record DiffHunk(int OldStart, int NewStart, IReadOnlyList<DiffLine> Lines);
