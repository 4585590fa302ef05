using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Storage.Metadata.Discussions;
using Hub.Storage.Metadata.Repositories;

namespace Hub.Api.Features.Discussions;

/// <summary>
/// Discussions as huggingface_hub reads them (hf_api.get_repo_discussions / get_discussion_details, community.py
/// deserialize_event). A missing author leaves <c>author</c> out: the client reads <c>.get("author", {})</c> and names
/// it "deleted", whereas <c>"author": null</c> would break it.
/// </summary>
public static class DiscussionJson
{
    public const string HiddenText = "This comment has been hidden";

    public static string EventId(long id) => id.ToString("x24", CultureInfo.InvariantCulture);

    public static long? ParseEventId(string id) =>
        id.Length is > 0 and <= 24 && long.TryParse(id, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value) && value > 0 ? value : null;

    public static JsonObject Summary(DiscussionRecord d, RepositoryRecord repo)
    {
        var json = new JsonObject
        {
            ["num"] = d.Number,
            ["title"] = d.Title,
            ["status"] = d.Status,
            ["isPullRequest"] = d.IsPullRequest,
            ["createdAt"] = HfJson.Date(d.CreatedAt),
            ["repo"] = new JsonObject { ["name"] = repo.FullName, ["type"] = repo.Type },
            ["pinned"] = false,
            ["topReactions"] = new JsonArray(),
        };
        if (Author(d.AuthorName) is { } author) json["author"] = author;
        return json;
    }

    public static JsonObject Event(DiscussionEventRecord e)
    {
        var json = new JsonObject
        {
            ["id"] = EventId(e.Id),
            ["type"] = e.Type,
            ["createdAt"] = HfJson.Date(e.CreatedAt),
            ["data"] = e.Type switch
            {
                DiscussionEventTypes.Comment => Comment(e),
                DiscussionEventTypes.StatusChange => new JsonObject { ["status"] = e.Content },
                DiscussionEventTypes.Commit => new JsonObject { ["subject"] = e.Content, ["oid"] = e.Detail },
                DiscussionEventTypes.TitleChange => new JsonObject { ["from"] = e.Detail, ["to"] = e.Content },
                _ => new JsonObject(),
            },
        };
        if (Author(e.AuthorName) is { } author) json["author"] = author;
        return json;
    }

    private static JsonObject Comment(DiscussionEventRecord e)
    {
        var raw = e.Hidden ? HiddenText : e.Content;
        JsonObject Latest()
        {
            var latest = new JsonObject
            {
                ["raw"] = raw,
                ["html"] = "<p>" + WebUtility.HtmlEncode(raw).Replace("\n", "<br>\n", StringComparison.Ordinal) + "</p>",
                ["updatedAt"] = HfJson.Date(e.UpdatedAt),
            };
            if (Author(e.AuthorName) is { } author) latest["author"] = author;
            return latest;
        }
        return new JsonObject
        {
            ["edited"] = e.Edited,
            ["hidden"] = e.Hidden,
            ["latest"] = Latest(),
            // Only the latest version is kept: the history holds it alone.
            ["history"] = new JsonArray(Latest()),
            ["numEdits"] = e.Edited ? 1 : 0,
            ["editors"] = e.AuthorName is null ? new JsonArray() : new JsonArray(e.AuthorName),
            ["reactions"] = new JsonArray(),
            ["isReport"] = false,
        };
    }

    private static JsonObject? Author(string? name) =>
        name is null ? null : new JsonObject { ["name"] = name, ["type"] = "user", ["isPro"] = false, ["isHf"] = false, ["avatarUrl"] = "" };
}
