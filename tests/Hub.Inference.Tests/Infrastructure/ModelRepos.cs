using System.Net.Http.Json;
using System.Text;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Inference.Tests.Infrastructure;

/// <summary>Puts models on a hub the way users do: create the repo, upload large files through LFS, commit.</summary>
public static class ModelRepos
{
    public static async Task<string> UploadAsync(HttpClient client, string name, IEnumerable<RepoFile> files, bool isPrivate = false)
    {
        var repo = await HubApi.CreateRepoAsync(client, name, isPrivate: isPrivate);
        var operations = new List<object>();
        foreach (var file in files)
        {
            if (file.Lfs)
            {
                await HubApi.UploadLfsAsync(client, repo, file.Content);
                operations.Add(HubApi.LfsFile(file.Path, file.Content));
            }
            else
            {
                operations.Add(HubApi.File(file.Path, file.Content));
            }
        }
        await HubApi.CommitOkAsync(client, repo, "Add model", [.. operations]);
        return repo;
    }

    public static byte[] Card(string pipelineTag) => Encoding.UTF8.GetBytes($"---\npipeline_tag: {pipelineTag}\n---\n# test model\n");

    /// <summary>POSTs JSON and returns the response.</summary>
    public static Task<HttpResponseMessage> PostAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);
}
