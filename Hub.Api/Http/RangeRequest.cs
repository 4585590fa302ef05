using System.Globalization;

namespace Hub.Api.Http;

/// <summary>A single RFC 9110 byte range resolved against a known length (multi-range requests get the whole body).</summary>
public readonly record struct RangeRequest(long Start, long End)
{
    public long Length => End - Start + 1;

    /// <summary>
    /// Parses <c>Range</c>: null when absent or not a single byte range (serve everything), <see cref="Unsatisfiable"/>
    /// when it lies outside the content.
    /// </summary>
    public static RangeRequest? Parse(string? header, long length, out bool unsatisfiable)
    {
        unsatisfiable = false;
        if (string.IsNullOrWhiteSpace(header) || !header.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase)) return null;
        var spec = header[6..].Trim();
        if (spec.Contains(',', StringComparison.Ordinal)) return null;
        var dash = spec.IndexOf('-', StringComparison.Ordinal);
        if (dash < 0) return null;
        var first = spec[..dash].Trim();
        var last = spec[(dash + 1)..].Trim();
        if (first.Length == 0)
        {
            // Suffix range: the last N bytes.
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out var suffix)) return null;
            if (suffix == 0 || length == 0) { unsatisfiable = true; return null; }
            return new RangeRequest(Math.Max(0, length - suffix), length - 1);
        }
        if (!long.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var start)) return null;
        var end = length - 1;
        if (last.Length > 0)
        {
            if (!long.TryParse(last, NumberStyles.None, CultureInfo.InvariantCulture, out end) || end < start) return null;
            end = Math.Min(end, length - 1);
        }
        if (start >= length) { unsatisfiable = true; return null; }
        return new RangeRequest(start, end);
    }

    public static bool Unsatisfiable => true;

    public string ContentRange(long total) => $"bytes {Start}-{End}/{total}";
}
