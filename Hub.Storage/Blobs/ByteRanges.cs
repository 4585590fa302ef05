namespace Hub.Storage.Blobs;

/// <summary>Range rules shared by both stores, so a caller sees the same errors from each.</summary>
internal static class ByteRanges
{
    /// <summary>Refuses negative offsets and empty or negative lengths (HTTP ranges are never empty).</summary>
    public static void Validate(ByteRange range)
    {
        if (range.Offset < 0)
            throw new ArgumentOutOfRangeException(nameof(range), range.Offset, "A range offset is not negative.");
        if (range.Length is < 1)
            throw new ArgumentOutOfRangeException(nameof(range), range.Length, "A range length is at least 1.");
    }

    /// <summary>An offset at or past the end is unsatisfiable (S3 answers 416); a length past the end is cut short.</summary>
    public static long Clamp(ByteRange range, long size, string key)
    {
        if (range.Offset >= size)
            throw Unsatisfiable(range, key);
        return Math.Min(range.Length ?? long.MaxValue, size - range.Offset);
    }

    public static ArgumentOutOfRangeException Unsatisfiable(ByteRange range, string key) =>
        new(nameof(range), range.Offset, $"The range starts at or past the end of '{key}'.");
}
