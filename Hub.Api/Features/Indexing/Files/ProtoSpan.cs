namespace Hub.Api.Features.Indexing.Files;

/// <summary>Walks the fields of a small protobuf message held in memory.</summary>
public ref struct ProtoSpan(ReadOnlySpan<byte> data)
{
    private readonly ReadOnlySpan<byte> data = data;
    private int position;

    public readonly bool AtEnd => position >= data.Length;

    public (int Field, int WireType) ReadTag()
    {
        var tag = ReadVarint();
        return ((int)(tag >> 3), (int)(tag & 7));
    }

    public ulong ReadVarint()
    {
        ulong value = 0;
        for (var shift = 0; shift < 64 && position < data.Length; shift += 7)
        {
            var b = data[position++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException("A protobuf varint is truncated.");
    }

    public ReadOnlySpan<byte> ReadBytes()
    {
        var length = ReadVarint();
        if (length > (ulong)(data.Length - position)) throw new InvalidDataException("A protobuf field runs past its message.");
        var bytes = data.Slice(position, (int)length);
        position += (int)length;
        return bytes;
    }

    public void Skip(int wireType)
    {
        switch (wireType)
        {
            case 0: ReadVarint(); break;
            case 1: Move(8); break;
            case 2: ReadBytes(); break;
            case 5: Move(4); break;
            default: throw new InvalidDataException($"Unsupported protobuf wire type {wireType}.");
        }
    }

    private void Move(int count)
    {
        if (position + count > data.Length) throw new InvalidDataException("A protobuf field runs past its message.");
        position += count;
    }
}
