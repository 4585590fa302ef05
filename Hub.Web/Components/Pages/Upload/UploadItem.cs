namespace Hub.Web.Components.Pages.Upload;

/// <summary>A file picked for upload and where its transfer stands (reported by wwwroot/js/upload.js).</summary>
public sealed class UploadItem
{
    public int Id { get; init; }

    public string Path { get; init; } = "";

    public long Size { get; init; }

    /// <summary>queued, hashing, uploading, stored, committing, done, ignored.</summary>
    public string Status { get; set; } = "queued";

    public long Loaded { get; set; }

    public int Percent => Size == 0 ? (Status is "stored" or "committing" or "done" ? 100 : 0) : (int)Math.Clamp(Loaded * 100 / Size, 0, 100);
}
