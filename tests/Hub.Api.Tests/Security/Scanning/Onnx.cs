using System.Text;

namespace Hub.Api.Tests.Security.Scanning;

/// <summary>Minimal ONNX models written field by field (onnx.proto numbers), for the external-data checks.</summary>
public static class Onnx
{
    /// <summary>A model whose one initializer keeps its data in <paramref name="location"/>, inside a node attribute's subgraph too.</summary>
    public static byte[] WithExternalData(string location)
    {
        var tensor = Message(
            Varint(1, 4), // dims
            Varint(2, 1), // data_type FLOAT
            Bytes(8, Encoding.UTF8.GetBytes("w")), // name
            Bytes(13, Message(Bytes(1, "location"u8.ToArray()), Bytes(2, Encoding.UTF8.GetBytes(location)))),
            Bytes(13, Message(Bytes(1, "offset"u8.ToArray()), Bytes(2, "0"u8.ToArray()))),
            Varint(14, 1)); // data_location EXTERNAL
        var node = Message(Bytes(4, "Identity"u8.ToArray()), Bytes(5, Message(Bytes(1, "value"u8.ToArray()), Bytes(5, tensor))));
        var graph = Message(Bytes(1, node), Bytes(2, "g"u8.ToArray()), Bytes(5, tensor), Bytes(9, new byte[4096]));
        return Message(Varint(1, 8), Bytes(2, "hub-tests"u8.ToArray()), Bytes(7, graph));
    }

    private static byte[] Message(params byte[][] fields) => [.. fields.SelectMany(f => f)];

    private static byte[] Varint(int field, ulong value) => [.. Raw((ulong)(field << 3)), .. Raw(value)];

    private static byte[] Bytes(int field, byte[] value) => [.. Raw((ulong)((field << 3) | 2)), .. Raw((ulong)value.Length), .. value];

    private static byte[] Raw(ulong value)
    {
        var bytes = new List<byte>();
        do
        {
            var b = (byte)(value & 0x7F);
            value >>= 7;
            bytes.Add(value == 0 ? b : (byte)(b | 0x80));
        }
        while (value != 0);
        return [.. bytes];
    }
}
