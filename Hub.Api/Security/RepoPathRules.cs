using System.Globalization;
using System.Text;

namespace Hub.Api.Security;

/// <summary>
/// Rules for new file paths on top of git's own (Hub.Storage checks control characters, <c>..</c>, <c>.git</c>):
/// nothing that reads differently from what it is. Refused are invisible and bidirectional-override characters (a name
/// that displays as <c>model.bin</c> but is not), characters that look like <c>/</c>, <c>\</c> or <c>.</c> and turn into
/// them once fullwidth and small forms are folded to ASCII (the compatibility mappings NFKC would apply; the hub runs
/// with invariant globalization, so they are applied here), names reserved on Windows (<c>CON</c>, <c>NUL</c>,
/// <c>COM1</c>…, which break clones there), segments ending in a dot or a space (Windows strips them, so two names
/// collide), U+FFFD (what a decoder leaves of bytes that were not UTF-8), and segments longer than file systems allow.
/// </summary>
public static class RepoPathRules
{
    private const int MaxSegmentBytes = 255;

    private static readonly HashSet<string> WindowsDevices = new(StringComparer.OrdinalIgnoreCase)
    {
        "CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$",
        "COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9", "COM¹", "COM²", "COM³",
        "LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9", "LPT¹", "LPT²", "LPT³",
    };

    /// <summary>Why <paramref name="path"/> is refused, or null when it is acceptable.</summary>
    public static string? Problem(string path)
    {
        for (var i = 0; i < path.Length; i++)
        {
            if (char.IsHighSurrogate(path[i]) && i + 1 < path.Length && char.IsLowSurrogate(path[i + 1])) i++;
            else if (char.IsSurrogate(path[i])) return "it is not valid Unicode (an unpaired surrogate)";
        }
        foreach (var rune in path.EnumerateRunes())
        {
            if (rune.Value == 0xFFFD) return "it contains U+FFFD: the request had bytes that are not valid UTF-8";
            if (IsInvisibleOrBidi(rune.Value))
                return $"it contains the invisible or direction-changing character U+{rune.Value:X4}";
            if (IsSeparatorLookalike(rune.Value))
                return $"it contains U+{rune.Value:X4}, which looks like a path separator or a dot";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment.Length == 0) continue;
            var normalized = FoldCompatibilityForms(segment);
            if (normalized.Contains('/', StringComparison.Ordinal) || normalized.Contains('\\', StringComparison.Ordinal) || normalized is "." or "..")
                return $"the name '{segment}' turns into a path separator or a dot segment under Unicode compatibility normalization";
            if (normalized.TrimEnd('.', ' ').Equals(".git", StringComparison.OrdinalIgnoreCase) && !segment.Equals(".git", StringComparison.Ordinal))
                return $"the name '{segment}' reads as .git";
            if (segment[^1] is '.' or ' ' && segment is not ("." or ".."))
                return $"the name '{segment}' ends with a dot or a space, which Windows drops";
            var stem = segment.Split('.')[0].TrimEnd(' ');
            if (WindowsDevices.Contains(stem))
                return $"'{segment}' is a device name reserved on Windows";
            if (Encoding.UTF8.GetByteCount(segment) > MaxSegmentBytes)
                return $"a name is longer than {MaxSegmentBytes} bytes";
        }
        return null;
    }

    /// <summary>Fullwidth ASCII (U+FF01–U+FF5E), the ideographic space and the small forms of . / \\ mapped to ASCII.</summary>
    private static string FoldCompatibilityForms(string segment)
    {
        var chars = segment.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = chars[i] switch
            {
                >= '\uFF01' and <= '\uFF5E' => (char)(chars[i] - 0xFEE0),
                '\u3000' => ' ',
                '\uFE52' => '.',
                '\uFE68' => '\\',
                _ => chars[i],
            };
        }
        return new string(chars);
    }

    private static bool IsInvisibleOrBidi(int c) =>
        c is 0x00AD or 0x034F or 0x061C or 0x115F or 0x1160 or 0x17B4 or 0x17B5 or 0x180E or 0x3164 or 0xFEFF or 0xFFA0
        || c is >= 0x200B and <= 0x200F
        || c is >= 0x2028 and <= 0x202E
        || c is >= 0x2060 and <= 0x206F
        || c is >= 0xFFF9 and <= 0xFFFB
        || c is >= 0xE0000 and <= 0xE007F
        || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator;

    private static bool IsSeparatorLookalike(int c) =>
        c is 0x2215 or 0x2044 or 0x2571 or 0x29F8 or 0x29F9 or 0x2216 or 0x2572 or 0xFE68 or 0xFF0F or 0xFF3C or 0x3033 or 0x3035
            or 0x2024 or 0x2025 or 0x2026 or 0xFE52 or 0xFF0E or 0x0701 or 0x0702 or 0xA60E or 0x10A50 or 0x1735;
}
