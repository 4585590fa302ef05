namespace Hub.Web.Api;

/// <summary>The first bytes of a file (at most what was asked for) and its full size.</summary>
public sealed record FileContent(byte[] Bytes, long TotalSize)
{
    public bool Truncated => Bytes.Length < TotalSize;
}
