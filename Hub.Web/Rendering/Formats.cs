using System.Globalization;

namespace Hub.Web.Rendering;

/// <summary>Numbers, sizes and times as people read them (decimal units, like the HF Hub).</summary>
public static class Formats
{
    private static readonly string[] Units = ["B", "kB", "MB", "GB", "TB", "PB"];

    public static string Size(long bytes)
    {
        if (bytes < 1000) return bytes.ToString(CultureInfo.InvariantCulture) + " B";
        double value = bytes;
        var unit = 0;
        while (value >= 1000 && unit < Units.Length - 1)
        {
            value /= 1000;
            unit++;
        }
        return value.ToString(value < 10 ? "0.##" : value < 100 ? "0.#" : "0", CultureInfo.InvariantCulture) + " " + Units[unit];
    }

    public static string Count(long n) => n switch
    {
        < 1000 => n.ToString(CultureInfo.InvariantCulture),
        < 1_000_000 => (n / 1000d).ToString(n < 10_000 ? "0.#" : "0", CultureInfo.InvariantCulture) + "k",
        < 1_000_000_000 => (n / 1_000_000d).ToString(n < 10_000_000 ? "0.#" : "0", CultureInfo.InvariantCulture) + "M",
        _ => (n / 1_000_000_000d).ToString("0.#", CultureInfo.InvariantCulture) + "B",
    };

    public static string Ago(DateTimeOffset? when, DateTimeOffset now)
    {
        if (when is not { } w) return "";
        var span = now - w;
        if (span < TimeSpan.FromMinutes(1)) return "just now";
        if (span < TimeSpan.FromHours(1)) return Plural((int)span.TotalMinutes, "minute");
        if (span < TimeSpan.FromDays(1)) return Plural((int)span.TotalHours, "hour");
        if (span < TimeSpan.FromDays(31)) return Plural((int)span.TotalDays, "day");
        if (span < TimeSpan.FromDays(365)) return Plural((int)(span.TotalDays / 30.4), "month");
        return Plural((int)(span.TotalDays / 365.25), "year");
    }

    public static string Iso(DateTimeOffset? when) => when?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture) ?? "";

    public static string Date(DateTimeOffset? when) => when?.ToUniversalTime().ToString("MMM d, yyyy", CultureInfo.InvariantCulture) ?? "";

    public static string ShortSha(string? sha) => sha is { Length: > 7 } ? sha[..7] : sha ?? "";

    private static string Plural(int n, string unit) => $"{n} {unit}{(n == 1 ? "" : "s")} ago";
}
