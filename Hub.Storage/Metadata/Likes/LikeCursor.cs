using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace Hub.Storage.Metadata.Likes;

/// <summary>The (time, key) of the last like of a page, as base64url of <c>"{ticks}:{key}"</c>.</summary>
internal readonly record struct LikeCursor(long Ticks, string Key)
{
    public DateTime At => new(Ticks, DateTimeKind.Utc);

    public string Encode() => Base64Url.EncodeToString(Encoding.ASCII.GetBytes($"{Ticks.ToString(CultureInfo.InvariantCulture)}:{Key}"));

    public static LikeCursor Decode(string cursor)
    {
        try
        {
            var text = Encoding.ASCII.GetString(Base64Url.DecodeFromChars(cursor));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && long.TryParse(text.AsSpan(0, colon), NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                && ticks <= DateTime.MaxValue.Ticks && text.Length - colon - 1 is > 0 and <= 40)
                return new LikeCursor(ticks, text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            // Falls through to the refusal below.
        }
        throw new ArgumentException("The cursor is not one this hub handed out.", nameof(cursor));
    }
}
