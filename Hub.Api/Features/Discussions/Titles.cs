namespace Hub.Api.Features.Discussions;

/// <summary>Discussion titles: huggingface.co takes 3 to 200 characters, leading and trailing white space removed.</summary>
public static class Titles
{
    public const int MinLength = 3;
    public const int MaxLength = 200;

    /// <summary>A title taken from elsewhere (a commit summary) cut to fit, never refused.</summary>
    public static string Clip(string title)
    {
        var trimmed = title.Trim();
        if (trimmed.Length > MaxLength) trimmed = trimmed[..MaxLength];
        return trimmed.Length == 0 ? "Update files" : trimmed;
    }

    /// <summary>An error message when a title given by a user does not fit, else null.</summary>
    public static string? Check(string? title)
    {
        var length = title?.Trim().Length ?? 0;
        return length is < MinLength or > MaxLength ? $"The title must be {MinLength} to {MaxLength} characters long." : null;
    }
}
