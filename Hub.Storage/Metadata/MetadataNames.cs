namespace Hub.Storage.Metadata;

/// <summary>Name rules shared by the stores.</summary>
internal static class MetadataNames
{
    /// <summary>The form kept in the Normalized* columns: unique indexes and look-ups ignore case through it.</summary>
    public static string Normalize(string name) => name.ToLowerInvariant();

    /// <summary>
    /// Refuses values longer than their column. PostgreSQL enforces the length and SQLite does not; checking here
    /// makes both providers answer the same way, with a message that names the value.
    /// </summary>
    public static void CheckLength(string? value, int maxLength, string what)
    {
        if (value is not null && value.Length > maxLength)
            throw new ArgumentException($"{what} is longer than {maxLength} characters.", what);
    }
}
