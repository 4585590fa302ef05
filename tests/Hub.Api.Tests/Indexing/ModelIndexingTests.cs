using System.Text.Json.Nodes;
using Hub.Api.Tests.Infrastructure;
using static Hub.Api.Tests.Indexing.ModelRepoBuilder;

namespace Hub.Api.Tests.Indexing;

/// <summary>
/// A model-shaped repository pushed over the HTTP commit API (card, config, tokenizer, sharded safetensors, ONNX,
/// GGUF — weights through LFS) is indexed into exactly the fields huggingface_hub reads, on both hub flavours.
/// </summary>
public abstract class ModelIndexingTests(HubServer hub)
{
    private const string Card = """
        ---
        license: mit
        language:
        - en
        - fr
        tags:
        - chat
        - test
        datasets:
        - imdb
        base_model: org/base-model
        pipeline_tag: text-classification
        library_name: transformers
        model-index:
        - name: tiny
          results:
          - task:
              type: text-classification
            dataset:
              name: IMDB
              type: imdb
            metrics:
            - type: accuracy
              value: 0.91
        widget:
        - text: I loved this film
        ---
        # Tiny classifier

        It sorts *reviews* by sentiment with WORD attention.
        """;

    private const string ExpectedCardData = """
        {"license":"mit","language":["en","fr"],"tags":["chat","test"],"datasets":["imdb"],"base_model":"org/base-model",
         "pipeline_tag":"text-classification","library_name":"transformers",
         "model-index":[{"name":"tiny","results":[{"task":{"type":"text-classification"},"dataset":{"name":"IMDB","type":"imdb"},
           "metrics":[{"type":"accuracy","value":0.91}]}]}],
         "widget":[{"text":"I loved this film"}]}
        """;

    private const string ExpectedConfig = """
        {"architectures":["BertForSequenceClassification"],"model_type":"bert","id2label":{"0":"NEGATIVE","1":"POSITIVE"},
         "tokenizer_config":{"unk_token":"[UNK]","sep_token":"[SEP]","pad_token":"[PAD]","cls_token":"[CLS]","mask_token":"[MASK]"},
         "tokenizer_files":["tokenizer_config.json","vocab.txt"]}
        """;

    private const string ExpectedSafetensors = """{"parameters":{"BF16":16,"F32":42,"I64":3},"total":61}""";

    private const string ExpectedOnnx = """
        [{"path":"onnx/model.onnx","irVersion":8,"opset":{"ai.onnx":17,"ai.onnx.ml":3},
          "inputs":[{"name":"input_ids","dtype":"int64","shape":["batch",128]},{"name":"mask","dtype":"float32","shape":["batch"]}],
          "outputs":[{"name":"logits","dtype":"float32","shape":["batch",2]}]}]
        """;

    private const string ExpectedGguf = """
        {"architecture":"llama","files":[{"path":"tiny.Q4_K_M.gguf","architecture":"llama","context_length":4096,"file_type":15,
          "quantization":"Q4_K_M","total":40}],"context_length":4096,"total":40}
        """;

    private static readonly string[] ExpectedTags =
        ["base_model:org/base-model", "bert", "chat", "dataset:imdb", "en", "fr", "gguf", "license:mit", "onnx", "safetensors", "test",
         "text-classification", "transformers"];

    private static string NewName() => "m" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>The full model: two indexed shards, a shard the index does not name (must not count), ONNX, GGUF.</summary>
    public static (Dictionary<string, byte[]> Files, HashSet<string> Lfs) FullModel(string word)
    {
        var shard1 = ModelFiles.Safetensors([("a", "F32", [4, 8]), ("b", "BF16", [16])]);
        var shard2 = ModelFiles.Safetensors([("c", "F32", [10]), ("d", "I64", [3])]);
        var files = new Dictionary<string, byte[]>
        {
            ["README.md"] = Text(Card.Replace("WORD", word, StringComparison.Ordinal)),
            ["config.json"] = Text("""{"architectures":["BertForSequenceClassification"],"model_type":"bert","id2label":{"0":"NEGATIVE","1":"POSITIVE"},"hidden_size":32}"""),
            ["tokenizer_config.json"] = Text("""{"cls_token":"[CLS]","mask_token":"[MASK]","pad_token":"[PAD]","sep_token":"[SEP]","unk_token":{"content":"[UNK]","lstrip":false},"do_lower_case":true}"""),
            ["vocab.txt"] = Text("[PAD]\n[UNK]\n[CLS]\n[SEP]\n[MASK]\nhello\n"),
            ["model.safetensors.index.json"] = Text("""{"metadata":{"total_size":250},"weight_map":{"a":"model-00001-of-00002.safetensors","b":"model-00001-of-00002.safetensors","c":"model-00002-of-00002.safetensors","d":"model-00002-of-00002.safetensors"}}"""),
            ["model-00001-of-00002.safetensors"] = shard1,
            ["model-00002-of-00002.safetensors"] = shard2,
            ["extra.safetensors"] = ModelFiles.Safetensors([("zzz", "F32", [1000])]),
            ["onnx/model.onnx"] = ModelFiles.Onnx(),
            ["tiny.Q4_K_M.gguf"] = ModelFiles.Gguf(),
        };
        return (files, ["model-00001-of-00002.safetensors", "model-00002-of-00002.safetensors", "extra.safetensors", "onnx/model.onnx", "tiny.Q4_K_M.gguf"]);
    }

    [Fact]
    public async Task Repo_info_shows_exact_card_config_weights_and_tags_of_a_pushed_model()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var (files, lfs) = FullModel("plain");
        var sha = await CommitAsync(client, repo, "Add model", files, lfs);

        var info = await GetJsonAsync(hub.Client(), $"api/models/{repo}");

        Assert.Equal(sha, info["sha"]!.GetValue<string>());
        JsonEqual(ExpectedCardData, info["cardData"]);
        JsonEqual(ExpectedConfig, info["config"]);
        JsonEqual(ExpectedSafetensors, info["safetensors"]);
        JsonEqual(ExpectedOnnx, info["onnx"]);
        JsonEqual(ExpectedGguf, info["gguf"]);
        Assert.Equal(ExpectedTags, info["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("text-classification", info["pipeline_tag"]!.GetValue<string>());
        Assert.Equal("transformers", info["library_name"]!.GetValue<string>());
        Assert.Equal("[MASK]", info["mask_token"]!.GetValue<string>());
        JsonEqual("""[{"text":"I loved this film"}]""", info["widgetData"]);
        JsonEqual(JsonNode.Parse(ExpectedCardData)!["model-index"]!.ToJsonString(), info["model-index"]);
        Assert.Null(info["cardError"]);
        Assert.Null(info["indexErrors"]);
    }

    [Fact]
    public async Task List_queries_return_the_same_indexed_fields_and_filter_on_them()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var word = "zygomorphic" + Guid.NewGuid().ToString("N")[..8];
        var (files, lfs) = FullModel(word);
        await CommitAsync(client, repo, "Add model", files, lfs);

        var listed = await GetJsonAsync(hub.Client(),
            $"api/models?search={word}&expand=cardData&expand=config&expand=safetensors&expand=tags&expand=pipeline_tag&expand=library_name");
        var item = Assert.Single(listed.AsArray())!;
        Assert.Equal(repo, item["id"]!.GetValue<string>());
        JsonEqual(ExpectedCardData, item["cardData"]);
        JsonEqual(ExpectedConfig, item["config"]);
        JsonEqual(ExpectedSafetensors, item["safetensors"]);
        Assert.Equal(ExpectedTags, item["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal("text-classification", item["pipeline_tag"]!.GetValue<string>());

        async Task<int> Count(string query) => (await GetJsonAsync(hub.Client(), $"api/models?search={word}&{query}")).AsArray().Count;
        Assert.Equal(1, await Count("filter=license:mit&filter=dataset:imdb"));
        Assert.Equal(1, await Count("library=transformers&license=mit&language=fr"));
        Assert.Equal(1, await Count("pipeline_tag=text-classification&author=" + repo.Split('/')[0]));
        Assert.Equal(0, await Count("language=de"));
        Assert.Equal(0, await Count("library=gguf"));
        Assert.Equal(0, await Count("filter=license:apache-2.0"));
        // Full-text: the word is in the card body only, and matches as a prefix of a word.
        Assert.Single((await GetJsonAsync(hub.Client(), $"api/models?search={word[..14].ToUpperInvariant()}")).AsArray());
    }

    [Fact]
    public async Task Library_and_pipeline_are_inferred_from_the_files_when_the_card_is_silent()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        await CommitAsync(client, repo, "config only", new Dictionary<string, byte[]>
        {
            ["config.json"] = Text("""{"architectures":["BertForMaskedLM"],"model_type":"bert"}"""),
            ["model.safetensors"] = ModelFiles.Safetensors([("w", "F16", [3, 5])]),
        }, new HashSet<string> { "model.safetensors" });

        var info = await GetJsonAsync(hub.Client(), $"api/models/{repo}");

        Assert.Equal("fill-mask", info["pipeline_tag"]!.GetValue<string>());
        Assert.Equal("transformers", info["library_name"]!.GetValue<string>());
        JsonEqual("""{"parameters":{"F16":15},"total":15}""", info["safetensors"]);
        Assert.Equal(["bert", "fill-mask", "safetensors", "transformers"], info["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(info["cardData"]);
    }

    [Fact]
    public async Task Each_revision_keeps_its_own_card_and_safetensors_figures()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var lfs = new HashSet<string> { "model.safetensors" };
        var first = await CommitAsync(client, repo, "v1", new Dictionary<string, byte[]>
        {
            ["README.md"] = Text("---\nlicense: mit\n---\nfirst"),
            ["model.safetensors"] = ModelFiles.Safetensors([("w", "F32", [2, 2])]),
        }, lfs);
        var second = await CommitAsync(client, repo, "v2", new Dictionary<string, byte[]>
        {
            ["README.md"] = Text("---\nlicense: apache-2.0\n---\nsecond"),
            ["model.safetensors"] = ModelFiles.Safetensors([("w", "F32", [3, 3]), ("b", "BF16", [4])]),
        }, lfs);
        await CreateBranchAsync(client, repo, "dev");
        var dev = await CommitAsync(client, repo, "dev only", new Dictionary<string, byte[]>
        {
            ["README.md"] = Text("---\nlicense: cc-by-4.0\n---\ndev"),
        }, revision: "dev");

        var old = await GetJsonAsync(hub.Client(), $"api/models/{repo}/revision/{first}");
        var main = await GetJsonAsync(hub.Client(), $"api/models/{repo}/revision/main");
        var branch = await GetJsonAsync(hub.Client(), $"api/models/{repo}/revision/dev");

        Assert.Equal(first, old["sha"]!.GetValue<string>());
        JsonEqual("""{"license":"mit"}""", old["cardData"]);
        JsonEqual("""{"parameters":{"F32":4},"total":4}""", old["safetensors"]);
        Assert.Contains("license:mit", old["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(second, main["sha"]!.GetValue<string>());
        JsonEqual("""{"license":"apache-2.0"}""", main["cardData"]);
        JsonEqual("""{"parameters":{"BF16":4,"F32":9},"total":13}""", main["safetensors"]);
        Assert.Equal(dev, branch["sha"]!.GetValue<string>());
        JsonEqual("""{"license":"cc-by-4.0"}""", branch["cardData"]);
        JsonEqual("""{"parameters":{"BF16":4,"F32":9},"total":13}""", branch["safetensors"]);
        // The default branch's own info is untouched by reading other revisions.
        JsonEqual("""{"license":"apache-2.0"}""", (await GetJsonAsync(hub.Client(), $"api/models/{repo}"))["cardData"]);
    }

    [Fact]
    public async Task Invalid_card_yaml_never_blocks_the_commit_and_is_reported_in_repo_info()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var readme = "---\nlicense: [mit\ntags: chat\n---\n# Still a card\n";
        await CommitAsync(client, repo, "bad yaml", new Dictionary<string, byte[]> { ["README.md"] = Text(readme) });

        var info = await GetJsonAsync(hub.Client(), $"api/models/{repo}");
        var validate = await hub.Client().PostAsync("api/validate-yaml", System.Net.Http.Json.JsonContent.Create(new { content = readme, repoType = "model" }));
        var card = await GetJsonAsync(hub.Client(), $"api/models/{repo}/card");

        Assert.StartsWith("Invalid YAML in README.md metadata", info["cardError"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(info["cardData"]);
        Assert.DoesNotContain("license:mit", info["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, validate.StatusCode);
        Assert.Equal(info["cardError"]!.GetValue<string>(), card["cardError"]!.GetValue<string>());
        Assert.Contains("<h1>Still a card</h1>", card["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Card_endpoint_renders_the_body_as_sanitized_html_with_links_to_the_revisions_files()
    {
        var (_, token) = await hub.CreateUserAsync();
        var client = hub.Client(token);
        var repo = await HubApi.CreateRepoAsync(client, NewName());
        var sha = await CommitAsync(client, repo, "card", new Dictionary<string, byte[]>
        {
            ["README.md"] = Text("---\nlicense: mit\ntags: [x]\ndatasets: 5\n---\n# Title\n\n![plot](images/plot.png) <script>alert(1)</script>\n<img src=x onerror=alert(2)>\n[bad](javascript:alert(3))"),
        });

        var card = await GetJsonAsync(hub.Client(), $"api/models/{repo}/card");
        var html = card["html"]!.GetValue<string>();

        Assert.Equal(sha, card["sha"]!.GetValue<string>());
        Assert.Contains("<h1>Title</h1>", html, StringComparison.Ordinal);
        Assert.Contains($"src=\"{hub.Url}/{repo}/resolve/{sha}/images/plot.png\"", html, StringComparison.Ordinal);
        XssAssert.NothingExecutable(html);
        JsonEqual("""{"license":"mit","tags":["x"],"datasets":5}""", card["cardData"]);
        JsonEqual("""["\"datasets\" must be a string or a list of strings."]""", card["cardWarnings"]);
    }
}

[Collection(ProductionHubCollection.Name)]
public sealed class ProductionModelIndexingTests(ProductionHub hub) : ModelIndexingTests(hub);

[Collection(EmbeddedHubCollection.Name)]
public sealed class EmbeddedModelIndexingTests(EmbeddedHub hub) : ModelIndexingTests(hub);
