namespace Hub.Web.Api;

/// <summary>One page of a tree listing and the cursor of the next.</summary>
public sealed record TreePage(IReadOnlyList<TreeEntry> Entries, string? NextCursor);
