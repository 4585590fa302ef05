using System.Buffers.Binary;
using System.Buffers.Text;
using System.Text;
using Hub.Storage.Metadata.Entities;

namespace Hub.Storage.Metadata.Repositories;

/// <summary>
/// The position after the last item of a page: its sort key and id. Encoded as base64url of
/// [version, sort, 8-byte key, ASCII id] so clients treat it as opaque; the key is kept as raw bits (ticks, long,
/// IEEE double) so it compares exactly equal to the stored value on the next page.
/// </summary>
internal readonly record struct RepositoryCursor(RepositorySort Sort, long Key, string Id)
{
    private const byte Version = 1;
    private const int HeaderLength = 10;

    public DateTime KeyAsDateTime => new(Key, DateTimeKind.Utc);

    public double KeyAsDouble => BitConverter.Int64BitsToDouble(Key);

    public static RepositoryCursor After(RepositorySort sort, RepositoryEntity last) => new(sort, sort switch
    {
        RepositorySort.LastModified => last.LastModified.Ticks,
        RepositorySort.CreatedAt => last.CreatedAt.Ticks,
        RepositorySort.Downloads => last.Downloads,
        RepositorySort.Likes => last.Likes,
        RepositorySort.TrendingScore => BitConverter.DoubleToInt64Bits(last.TrendingScore),
        _ => throw new ArgumentOutOfRangeException(nameof(sort), sort, null),
    }, last.Id);

    public string Encode()
    {
        var bytes = new byte[HeaderLength + Id.Length];
        bytes[0] = Version;
        bytes[1] = (byte)Sort;
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(2), Key);
        Encoding.ASCII.GetBytes(Id, bytes.AsSpan(HeaderLength));
        return Base64Url.EncodeToString(bytes);
    }

    /// <summary>Reads a cursor made for <paramref name="sort"/>; anything else is the caller's mistake (bad request).</summary>
    public static RepositoryCursor Decode(string cursor, RepositorySort sort)
    {
        byte[] bytes;
        try
        {
            bytes = Base64Url.DecodeFromChars(cursor);
        }
        catch (FormatException e)
        {
            throw new ArgumentException("The cursor is not one this hub handed out.", nameof(cursor), e);
        }
        if (bytes.Length < HeaderLength + 1 || bytes.Length > HeaderLength + 64 || bytes[0] != Version)
            throw new ArgumentException("The cursor is not one this hub handed out.", nameof(cursor));
        if (bytes[1] != (byte)sort)
            throw new ArgumentException("The cursor belongs to a list in another order.", nameof(cursor));
        var id = Encoding.ASCII.GetString(bytes.AsSpan(HeaderLength));
        if (!id.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("The cursor is not one this hub handed out.", nameof(cursor));
        return new RepositoryCursor(sort, BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(2)), id);
    }
}
