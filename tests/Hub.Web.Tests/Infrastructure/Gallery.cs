using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace Hub.Web.Tests.Infrastructure;

/// <summary>
/// A small, realistic hub content set made once per hub through the HTTP API: a model with a card, a config, a folder,
/// an LFS file and a second commit that changes text files (for the diff); a dataset with CSV and JSON Lines files; a
/// private model. Its owner's session lets tests browse as them.
/// </summary>
public sealed record Gallery(string Owner, Cookie Session, string Token, string Model, string Dataset, string PrivateModel, string SecondCommit)
{
    private static readonly ConcurrentDictionary<string, Lazy<Task<Gallery>>> Made = new();

    public const string Readme = """
        ---
        license: mit
        pipeline_tag: sentence-similarity
        library_name: sentence-transformers
        language: [en, fr]
        datasets: [snli]
        base_model: bert-base-uncased
        ---
        # Gallery model

        Sentence embeddings for **testing**. See the [configuration](config.json) and the `onnx/` folder.

        ## Use

        ```python
        from sentence_transformers import SentenceTransformer
        model = SentenceTransformer("gallery/model")
        ```

        | metric | value |
        |--------|-------|
        | STS-B  | 0.82  |
        """;

    public static Task<Gallery> OfAsync(WebHub hub) =>
        Made.GetOrAdd(hub.Url, _ => new Lazy<Task<Gallery>>(() => MakeAsync(hub))).Value;

    private static async Task<Gallery> MakeAsync(WebHub hub)
    {
        var (owner, session) = await Accounts.SignUpAsync(hub, Accounts.NewName("gallery"));
        var token = await Accounts.CreateTokenAsync(hub, session);
        using var api = hub.Client(token);
        var model = await HubRequests.CreateRepoAsync(api, "sentence-model");
        await HubRequests.CommitAsync(api, model, "Add the card and config", new Dictionary<string, string>
        {
            ["README.md"] = Readme,
            ["config.json"] = "{\n  \"model_type\": \"bert\",\n  \"hidden_size\": 384,\n  \"num_layers\": 6,\n  \"normalize\": true,\n  \"labels\": null\n}\n",
            ["onnx/README.md"] = "# ONNX export\n\nThe model exported to ONNX.\n",
            ["train.py"] = "# Training script\nimport torch\n\ndef train(epochs=3):\n    return \"done\"\n",
        });
        await HubRequests.CommitLfsAsync(api, model, "onnx/model.onnx", System.Security.Cryptography.RandomNumberGenerator.GetBytes(3 * 1024 * 1024), "Add the ONNX weights");
        var second = await HubRequests.CommitAsync(api, model, "Tune the config", new Dictionary<string, string>
        {
            ["config.json"] = "{\n  \"model_type\": \"bert\",\n  \"hidden_size\": 384,\n  \"num_layers\": 12,\n  \"normalize\": true,\n  \"labels\": null\n}\n",
        });
        var dataset = await HubRequests.CreateRepoAsync(api, "reviews", type: "dataset");
        await HubRequests.CommitAsync(api, dataset, "Add the data", new Dictionary<string, string>
        {
            ["README.md"] = "---\nlicense: cc-by-4.0\nlanguage: [en]\n---\n# Reviews\n\nShort product reviews with a sentiment label.\n",
            ["data/train.csv"] = "text,label\n\"Great, works well\",positive\nBroke after a day,negative\n\"He said \"\"wow\"\"\",positive\n",
            ["data/test.jsonl"] = "{\"text\": \"Fine\", \"label\": \"positive\"}\n{\"text\": \"Meh\", \"label\": \"negative\"}\n",
        }, type: "dataset");
        var privateModel = await HubRequests.CreateRepoAsync(api, "secret-model", isPrivate: true);
        await HubRequests.CommitAsync(api, privateModel, "Add the card", new Dictionary<string, string> { ["README.md"] = "# Secret\n\nNot for everyone.\n" });
        return new Gallery(owner, session, token, model, dataset, privateModel, second);
    }
}
