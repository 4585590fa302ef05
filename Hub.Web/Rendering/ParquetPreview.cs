using System.Buffers.Binary;
using System.Globalization;
using Parquet;
using Parquet.Serialization;

namespace Hub.Web.Rendering;

/// <summary>
/// The first rows of a Parquet file for the dataset file viewer, read with range requests: the footer (the last bytes),
/// then the byte range of the first row group only, whatever the file's size.
/// </summary>
public static class ParquetPreview
{
    /// <summary>A first row group larger than this is not fetched; the viewer says so.</summary>
    public const long MaxRowGroupBytes = 32L * 1024 * 1024;
    private const int MaxFooterBytes = 16 * 1024 * 1024;
    private const int TailBytes = 64 * 1024;
    private const int HeadSlack = 4096;
    private const int MaxColumns = 30;
    private const int MaxCell = 300;
    private static readonly byte[] Magic = "PAR1"u8.ToArray();

    /// <summary>Reads <c>count</c> bytes at <c>offset</c> of the file.</summary>
    public delegate Task<byte[]> RangeReader(long offset, int count, CancellationToken cancellationToken);

    public static bool IsParquet(string path) => path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase);

    /// <summary>The header and first rows, with how many rows the file has; throws <see cref="InvalidDataException"/> for what it cannot show.</summary>
    public static async Task<ParquetTable> ReadAsync(long length, RangeReader read, CancellationToken cancellationToken)
    {
        if (length < 12) throw new InvalidDataException("The file is too short to be Parquet.");
        var stream = new SparseReadStream(length);
        var tailLength = (int)Math.Min(length, TailBytes);
        var tail = await read(length - tailLength, tailLength, cancellationToken);
        if (tail.Length != tailLength || !tail.AsSpan(tailLength - 4).SequenceEqual(Magic)) throw new InvalidDataException("The file does not end like a Parquet file.");
        var footerLength = BinaryPrimitives.ReadInt32LittleEndian(tail.AsSpan(tailLength - 8, 4));
        if (footerLength <= 0 || footerLength > MaxFooterBytes || footerLength + 8L > length) throw new InvalidDataException("The Parquet footer is damaged or too large.");
        if (footerLength + 8 <= tailLength)
            stream.Add(length - tailLength, tail);
        else
            stream.Add(length - footerLength - 8, await read(length - footerLength - 8, footerLength + 8, cancellationToken));

        // The reader checks the leading magic too; the first row group starts right after it in files written by every
        // common writer, so the head is assumed here and checked when the row group's range (fetched from 0) comes.
        stream.Add(0, Magic);

        long totalRows;
        await using (var reader = await ParquetReader.CreateAsync(stream, leaveStreamOpen: true, cancellationToken: cancellationToken))
        {
            var groups = reader.Metadata?.RowGroups ?? [];
            totalRows = groups.Sum(g => g.NumRows);
            if (groups.Count == 0)
                return new ParquetTable([.. reader.Schema.Fields.Take(MaxColumns).Select(f => f.Name)], [], 0);
            var (start, end) = ByteRange(groups[0]);
            if (end - start > MaxRowGroupBytes)
                throw new InvalidDataException($"The first row group is {Formats.Size(end - start)}, more than the preview reads.");
            if (start <= HeadSlack) start = 0;
            var rowGroup = await read(start, (int)(end - start), cancellationToken);
            if (start == 0 && (rowGroup.Length < 4 || !rowGroup.AsSpan(0, 4).SequenceEqual(Magic))) throw new InvalidDataException("The file does not start like a Parquet file.");
            stream.Add(start, rowGroup);
        }

        stream.Position = 0;
        var data = await ParquetSerializer.DeserializeUntypedAsync(stream, null, 0, cancellationToken);
        var header = data.Schema.Fields.Take(MaxColumns).Select(f => f.Name).ToList();
        var rows = data.Data.Take(TablePreview.MaxRows)
            .Select(row => (IReadOnlyList<string>)[.. header.Select(h => Cell(row.GetValueOrDefault(h)))])
            .ToList();
        return new ParquetTable(header, rows, totalRows);
    }

    private static (long Start, long End) ByteRange(Parquet.Meta.RowGroup group)
    {
        long start = long.MaxValue, end = 0;
        foreach (var column in group.Columns)
        {
            var meta = column.MetaData ?? throw new InvalidDataException("A column chunk has no metadata.");
            var first = meta.DictionaryPageOffset is { } d && d > 0 ? Math.Min(d, meta.DataPageOffset) : meta.DataPageOffset;
            start = Math.Min(start, first);
            end = Math.Max(end, first + meta.TotalCompressedSize);
        }
        return start == long.MaxValue ? (0, 0) : (start, end);
    }

    private static string Cell(object? value) => value switch
    {
        null => "",
        string s => Clip(s),
        byte[] b => $"<{b.Length} bytes>",
        DateTime t => t.ToString("O", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        System.Collections.IEnumerable e => Clip("[" + string.Join(", ", e.Cast<object?>().Select(Cell)) + "]"),
        _ => Clip(value.ToString() ?? ""),
    };

    private static string Clip(string s) => s.Length > MaxCell ? s[..MaxCell] + "…" : s;
}
