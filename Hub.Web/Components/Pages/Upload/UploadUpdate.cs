namespace Hub.Web.Components.Pages.Upload;

/// <summary>A progress report from the upload module: a file's status and bytes done.</summary>
public sealed record UploadUpdate(int Id, string Status, long Loaded);
