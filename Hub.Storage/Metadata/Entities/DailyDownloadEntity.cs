namespace Hub.Storage.Metadata.Entities;

/// <summary>Downloads of one repository on one UTC day.</summary>
internal sealed class DailyDownloadEntity
{
    public required string RepositoryId { get; set; }
    public DateOnly Day { get; set; }
    public long Count { get; set; }
}
