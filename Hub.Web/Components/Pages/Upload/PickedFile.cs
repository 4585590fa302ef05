namespace Hub.Web.Components.Pages.Upload;

/// <summary>A file the user picked or dropped: the module's id for it, its path in the repository, its size.</summary>
public sealed record PickedFile(int Id, string Path, long Size);
