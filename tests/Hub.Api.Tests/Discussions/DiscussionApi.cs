using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Hub.Api.Tests.Git;

namespace Hub.Api.Tests.Discussions;

/// <summary>
/// The discussion requests of huggingface_hub's HfApi (hf_api.py), sent as it sends them, and its parsers (community.py
/// deserialize_event, get_discussion_details): every field they read is read here the same way, so a missing or
/// mistyped field fails the test as it would fail the client.
/// </summary>
public static class DiscussionApi
{
    private static string Path(HubRepo repo, int? num = null, string? resource = null) =>
        $"{repo.ApiPath}/discussions" + (num is { } n ? $"/{n}" : "") + (resource is null ? "" : "/" + resource);

    /// <summary>get_repo_discussions: <c>GET .../discussions?p=N</c> plus type/status/author when given.</summary>
    public static Task<HttpResponseMessage> ListAsync(HttpClient client, HubRepo repo, string query = "p=0") => client.GetAsync(Path(repo) + "?" + query);

    /// <summary>get_discussion_details: <c>GET .../discussions/{num}?diff=1</c>.</summary>
    public static Task<HttpResponseMessage> DetailsAsync(HttpClient client, HubRepo repo, int num) => client.GetAsync(Path(repo, num) + "?diff=1");

    /// <summary>create_discussion / create_pull_request: JSON title, description, pullRequest.</summary>
    public static Task<HttpResponseMessage> CreateAsync(HttpClient client, HubRepo repo, string title, string description, bool pullRequest = false) =>
        client.PostAsJsonAsync(Path(repo), new { title, description, pullRequest });

    /// <summary>_post_discussion_changes: <c>POST .../discussions/{num}/{resource}</c> with a JSON body, or none (requests' json=None).</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, HubRepo repo, int num, string resource, object? body = null) =>
        body is null ? client.PostAsync(Path(repo, num, resource), null) : client.PostAsJsonAsync(Path(repo, num, resource), body);

    public static async Task<JsonObject> OkAsync(Task<HttpResponseMessage> request)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!.AsObject();
    }

    public static async Task<string> FailsAsync(Task<HttpResponseMessage> request, HttpStatusCode status)
    {
        var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode} {text}");
        Assert.True(response.Headers.Contains("X-Error-Message"), "no X-Error-Message header");
        return JsonNode.Parse(text)!["error"]!.GetValue<string>();
    }

    /// <summary>What <c>Discussion(...)</c> reads of a list item or details answer.</summary>
    public static ParsedDiscussion Parse(JsonNode d) => new(
        d["title"]!.GetValue<string>(),
        d["num"]!.GetValue<int>(),
        AuthorName(d),
        DateTimeOffset.Parse(d["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture),
        d["status"]!.GetValue<string>(),
        d["repo"]!["name"]!.GetValue<string>(),
        d["repo"]!["type"]!.GetValue<string>(),
        d["isPullRequest"]!.GetValue<bool>());

    /// <summary>What get_discussion_details reads beyond <see cref="Parse"/>, pull request fields only for pull requests.</summary>
    public static ParsedDetails ParseDetails(JsonObject d)
    {
        var pr = d["isPullRequest"]!.GetValue<bool>();
        return new ParsedDetails(
            Parse(d),
            d["events"]!.AsArray().Select(e => ParseEvent(e!)).ToList(),
            pr ? d["filesWithConflicts"]!.AsArray().Select(f => f!.GetValue<string>()).ToList() : null,
            pr ? d["changes"]!["base"]!.GetValue<string>() : null,
            pr ? d["changes"]!.AsObject().TryGetPropertyValue("mergeCommitId", out var m) ? m?.GetValue<string>() : null : null,
            d.TryGetPropertyValue("diff", out var diff) ? diff?.GetValue<string>() : null);
    }

    /// <summary>community.deserialize_event.</summary>
    public static ParsedEvent ParseEvent(JsonNode e)
    {
        var type = e["type"]!.GetValue<string>();
        var data = e["data"]!;
        var parsed = new ParsedEvent(e["id"]!.GetValue<string>(), type, DateTimeOffset.Parse(e["createdAt"]!.GetValue<string>(), CultureInfo.InvariantCulture), AuthorName(e));
        return type switch
        {
            "comment" => parsed with
            {
                Edited = data["edited"]!.GetValue<bool>(), Hidden = data["hidden"]!.GetValue<bool>(), Content = data["latest"]!["raw"]!.GetValue<string>(),
                Html = data["latest"]!["html"]!.GetValue<string>(), Edits = data["history"]!.AsArray().Count,
            },
            "status-change" => parsed with { NewStatus = data["status"]!.GetValue<string>() },
            "commit" => parsed with { Summary = data["subject"]!.GetValue<string>(), Oid = data["oid"]!.GetValue<string>() },
            "title-change" => parsed with { OldTitle = data["from"]!.GetValue<string>(), NewTitle = data["to"]!.GetValue<string>() },
            _ => parsed,
        };
    }

    /// <summary><c>.get("author", {}).get("name", "deleted")</c>.</summary>
    private static string AuthorName(JsonNode node) =>
        node.AsObject().TryGetPropertyValue("author", out var author) ? author!.AsObject().TryGetPropertyValue("name", out var n) ? n!.GetValue<string>() : "deleted" : "deleted";

    /// <summary>An NDJSON commit with a description, as create_commit(create_pr=True, commit_description=...) sends it.</summary>
    public static Task<HttpResponseMessage> CreatePrCommitAsync(HttpClient client, HubRepo repo, string summary, string description, IEnumerable<object> operations, string revision = "main")
    {
        var lines = new List<string> { System.Text.Json.JsonSerializer.Serialize(new { key = "header", value = new { summary, description } }) };
        lines.AddRange(operations.Select(o => System.Text.Json.JsonSerializer.Serialize(o)));
        var content = new StringContent(string.Join("\n", lines) + "\n", Encoding.UTF8, "application/x-ndjson");
        return client.PostAsync($"{repo.ApiPath}/commit/{Uri.EscapeDataString(revision)}?create_pr=1", content);
    }
}
