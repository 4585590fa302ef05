namespace Hub.Web.Components.Pages.Lists;

/// <summary>The sorts the lists offer: their URL names (as on huggingface.co), labels and API names.</summary>
public static class ListSorts
{
    public static readonly (string Key, string Label)[] All =
    [
        ("trending", "Trending"),
        ("downloads", "Most downloads"),
        ("likes", "Most likes"),
        ("updated", "Recently updated"),
        ("created", "Recently created"),
    ];

    public static string ApiSort(string? key) => key switch
    {
        "downloads" => "downloads",
        "likes" => "likes",
        "updated" or "modified" => "lastModified",
        "created" => "createdAt",
        _ => "trendingScore",
    };

    public static string Normalize(string? key) => All.Any(s => s.Key == key) ? key! : "trending";
}
