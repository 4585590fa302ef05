using System.Globalization;

namespace Hub.Bench;

/// <summary>Command-line options of the form <c>--name value</c>.</summary>
public static class Options
{
    public static int Number(string[] args, string name, int fallback)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : fallback;
    }
}
