namespace Hub.Web.Rendering;

/// <summary>A line of a diff with its numbers in the old and new text (0 where it is absent).</summary>
public sealed record DiffLine(DiffKind Kind, string Text, int OldNumber, int NewNumber);
