namespace Hub.Web.Api;

/// <summary>Downloads of a repository on one UTC day (<c>yyyy-MM-dd</c>).</summary>
public sealed record DailyDownloads(string Date, long Downloads);
