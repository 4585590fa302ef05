namespace Hub.Storage.Metadata;

/// <summary>Conversions between the records' <see cref="DateTimeOffset"/> and the entities' UTC <see cref="DateTime"/>.</summary>
internal static class DbTime
{
    /// <summary>
    /// UTC, truncated to milliseconds: PostgreSQL keeps microseconds and SQLite 100 ns ticks, so without truncation a
    /// value would not round-trip identically on both, and keyset cursors built from read values would drift.
    /// </summary>
    public static DateTime ToDb(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTime(ticks - (ticks % TimeSpan.TicksPerMillisecond), DateTimeKind.Utc);
    }

    public static DateTime? ToDb(DateTimeOffset? value) => value is { } v ? ToDb(v) : null;

    public static DateTime Now(TimeProvider time) => ToDb(time.GetUtcNow());

    /// <summary>SQLite hands values back with an unspecified kind; they were written as UTC.</summary>
    public static DateTimeOffset FromDb(DateTime value) =>
        new(DateTime.SpecifyKind(value, DateTimeKind.Utc));

    public static DateTimeOffset? FromDb(DateTime? value) => value is { } v ? FromDb(v) : null;
}
