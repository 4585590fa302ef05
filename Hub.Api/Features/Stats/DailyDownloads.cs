using System.Text.Json.Serialization;

namespace Hub.Api.Features.Stats;

/// <summary>One day of <see cref="DownloadStatsEndpoints"/>: the UTC date (<c>yyyy-MM-dd</c>) and its downloads.</summary>
public sealed record DailyDownloads(
    [property: JsonPropertyName("date")] string Date,
    [property: JsonPropertyName("downloads")] long Downloads);
