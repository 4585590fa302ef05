namespace Hub.Storage.Blobs;

/// <summary>Builds <c>Content-Disposition: attachment</c> values for presigned downloads.</summary>
internal static class ContentDispositionValue
{
    /// <summary>
    /// <c>attachment; filename="ascii"; filename*=UTF-8''encoded</c>: the plain name for old clients, the RFC 6266/5987 one
    /// for everything else. Only the last path segment is used.
    /// </summary>
    public static string Attachment(string fileName)
    {
        var name = fileName.Replace('\\', '/');
        name = name[(name.LastIndexOf('/') + 1)..];
        if (name.Length == 0)
            throw new ArgumentException("A download file name is not empty.", nameof(fileName));
        var ascii = string.Create(name.Length, name, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
                span[i] = source[i] is >= ' ' and < (char)127 and not '"' and not '\\' ? source[i] : '_';
        });
        return $"attachment; filename=\"{ascii}\"; filename*=UTF-8''{Uri.EscapeDataString(name)}";
    }
}
