namespace Hub.Storage.Metadata.Stats;

/// <summary>Counted downloads of one repository on one UTC day.</summary>
public sealed record DailyDownloadRecord(DateOnly Day, long Count);
