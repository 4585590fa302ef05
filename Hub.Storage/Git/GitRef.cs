namespace Hub.Storage.Git;

/// <summary>A ref and the commit it points to (annotated tags peeled).</summary>
/// <param name="Name">Full name, e.g. <c>refs/heads/main</c>.</param>
/// <param name="Target">40-hex commit id.</param>
public sealed record GitRef(string Name, string Target);
