using System.Text.Json.Nodes;
using Hub.Api.Http;
using Hub.Storage.Git;

namespace Hub.Api.Features.Files;

/// <summary>Tree / paths-info entries as hf-api.md §2.6 shapes them.</summary>
public static class TreeEntryJson
{
    public static JsonObject Create(RepoFileEntry file, GitCommit? lastCommit, JsonObject? securityFileStatus = null)
    {
        var json = new JsonObject
        {
            ["type"] = file.IsFile ? "file" : "directory",
            ["oid"] = file.Entry.ObjectId,
            ["size"] = file.IsFile ? file.Size : 0,
            ["path"] = file.Entry.Path,
        };
        if (file.Lfs is { } lfs)
            json["lfs"] = new JsonObject { ["oid"] = lfs.Oid, ["size"] = lfs.Size, ["pointerSize"] = lfs.PointerSize };
        if (lastCommit is not null)
            json["lastCommit"] = new JsonObject { ["id"] = lastCommit.Id, ["title"] = lastCommit.Title, ["date"] = HfJson.Date(lastCommit.Committer.When) };
        if (securityFileStatus is not null && file.IsFile)
            json["securityFileStatus"] = securityFileStatus;
        return json;
    }
}
