namespace Hub.Api.Features.Search;

/// <summary>
/// Versions read before a list page is read from the database: the page may be cached only if no change came in between,
/// and is served only while no download of one of its repositories was counted since.
/// </summary>
/// <param name="Generation">The metadata change feed's generation (<see cref="Hub.Storage.Metadata.MetadataChanges.Generation"/>).</param>
/// <param name="Counted">The download counter's <see cref="DownloadCounter.CountedVersion"/>.</param>
/// <param name="Written">The download counter's <see cref="DownloadCounter.WrittenVersion"/>.</param>
/// <param name="Timestamp">When (<see cref="TimeProvider.GetTimestamp"/>).</param>
public readonly record struct ListCacheFill(long Generation, long Counted, long Written, long Timestamp);
