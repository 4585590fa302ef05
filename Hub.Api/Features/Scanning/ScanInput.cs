namespace Hub.Api.Features.Scanning;

/// <summary>
/// Reads a scanned file byte by byte with a budget: at most <c>maxBytes</c> cross from storage (read, or skipped by
/// reading and discarding), so a huge or hostile file costs a bounded amount of I/O. Skips on a seekable stream (ranged
/// reads from the blob store, files) just move the position and cost nothing.
/// </summary>
public sealed class ScanInput(Stream stream, long maxBytes)
{
    private readonly byte[] buffer = new byte[64 * 1024];
    private int start;
    private int end;

    /// <summary>Bytes read from storage so far (the budget).</summary>
    public long Position { get; private set; }

    /// <summary>Bytes passed by seeking, on top of <see cref="Position"/>.</summary>
    public long Offset { get; private set; }

    /// <summary>Where the reader stands in the data.</summary>
    public long Location => Position + Offset;

    public long MaxBytes => maxBytes;

    /// <summary>True when the end of the data was reached.</summary>
    public bool AtEnd => start == end && Fill() == 0;

    /// <summary>The next byte without consuming it, or -1 at the end.</summary>
    public int Peek() => start < end || Fill() > 0 ? buffer[start] : -1;

    public byte ReadByte()
    {
        if (start == end && Fill() == 0) throw new EndOfStreamException("The data ends in the middle of an opcode.");
        Budget(1);
        return buffer[start++];
    }

    public byte[] ReadBytes(int count)
    {
        var result = new byte[count];
        var done = 0;
        while (done < count)
        {
            if (start == end && Fill() == 0) throw new EndOfStreamException("The data ends in the middle of an opcode.");
            var n = Math.Min(count - done, end - start);
            Budget(n);
            buffer.AsSpan(start, n).CopyTo(result.AsSpan(done));
            start += n;
            done += n;
        }
        return result;
    }

    /// <summary>Little-endian unsigned integer of 1, 2, 4 or 8 bytes.</summary>
    public ulong ReadUInt(int size)
    {
        ulong value = 0;
        for (var i = 0; i < size; i++) value |= (ulong)ReadByte() << (8 * i);
        return value;
    }

    /// <summary>Up to <paramref name="maxLength"/> bytes before a <c>\n</c> (consumed, not returned).</summary>
    public byte[] ReadLine(int maxLength)
    {
        var line = new List<byte>();
        while (true)
        {
            var b = ReadByte();
            if (b == (byte)'\n') return [.. line];
            if (line.Count >= maxLength) throw new InvalidDataException($"A line is longer than {maxLength} bytes.");
            line.Add(b);
        }
    }

    public void Skip(long count)
    {
        if (count < 0) throw new InvalidDataException("A negative length.");
        var buffered = Math.Min(count, end - start);
        Budget(buffered);
        start += (int)buffered;
        var rest = count - buffered;
        if (rest == 0) return;
        if (stream.CanSeek)
        {
            var target = stream.Position + rest;
            if (target > stream.Length) throw new EndOfStreamException("The data ends inside a value.");
            stream.Position = target;
            Offset += rest;
            return;
        }
        Budget(rest);
        while (rest > 0)
        {
            var n = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, rest));
            if (n == 0) throw new EndOfStreamException("The data ends inside a value.");
            rest -= n;
        }
    }

    private void Budget(long count)
    {
        if (Position + count > maxBytes) throw new ScanLimitException(maxBytes);
        Position += count;
    }

    private int Fill()
    {
        start = 0;
        end = stream.Read(buffer, 0, buffer.Length);
        return end;
    }
}
