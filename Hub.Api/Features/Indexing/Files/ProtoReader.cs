namespace Hub.Api.Features.Indexing.Files;

/// <summary>
/// Just enough protobuf to walk the fields of a message: tags, varints, and length-delimited payloads that can be
/// skipped without reading them (which is how ONNX initializers are passed over).
/// </summary>
public sealed class ProtoReader(IndexedFile file, long start, long end)
{
    public long Position { get; private set; } = start;

    public bool AtEnd => Position >= end;

    public async Task<(int Field, int WireType)> ReadTagAsync(CancellationToken ct)
    {
        var tag = await ReadVarintAsync(ct);
        var field = tag >> 3;
        if (field is 0 or > int.MaxValue) throw new InvalidDataException($"{file.Path}: bad protobuf field number.");
        return ((int)field, (int)(tag & 7));
    }

    public async Task<ulong> ReadVarintAsync(CancellationToken ct)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            var b = (await ReadAsync(1, ct))[0];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0) return value;
        }
        throw new InvalidDataException($"{file.Path}: a protobuf varint is too long.");
    }

    /// <summary>The length of a length-delimited field, checked against the enclosing message.</summary>
    public async Task<long> ReadLengthAsync(CancellationToken ct)
    {
        var length = await ReadVarintAsync(ct);
        if (length > (ulong)(end - Position)) throw new InvalidDataException($"{file.Path}: a protobuf field runs past its message.");
        return (long)length;
    }

    public async Task<byte[]> ReadAsync(int count, CancellationToken ct)
    {
        if (Position + count > end) throw new InvalidDataException($"{file.Path}: a protobuf field runs past its message.");
        var bytes = await file.ReadAsync(Position, count, ct);
        Position += count;
        return bytes;
    }

    /// <summary>Moves past a field's value without reading a length-delimited payload.</summary>
    public async Task SkipAsync(int wireType, CancellationToken ct)
    {
        switch (wireType)
        {
            case 0: await ReadVarintAsync(ct); break;
            case 1: Advance(8); break;
            case 2: Advance(await ReadLengthAsync(ct)); break;
            case 5: Advance(4); break;
            default: throw new InvalidDataException($"{file.Path}: unsupported protobuf wire type {wireType}.");
        }
    }

    public void Advance(long count)
    {
        if (count < 0 || Position + count > end) throw new InvalidDataException($"{file.Path}: a protobuf field runs past its message.");
        Position += count;
    }
}
