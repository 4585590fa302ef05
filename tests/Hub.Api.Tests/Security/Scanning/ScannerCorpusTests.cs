using Hub.Api.Features.Scanning;

namespace Hub.Api.Tests.Security.Scanning;

/// <summary>Every malicious file of the corpus is flagged unsafe and names its import; no benign file is flagged.</summary>
public sealed class ScannerCorpusTests(ScanCorpus corpus) : IClassFixture<ScanCorpus>
{
    private const long Budget = 64L * 1024 * 1024;

    public static TheoryData<string> MaliciousFiles => new(ScanCorpus.Malicious.Keys);

    public static TheoryData<string> EscapingFiles => new(ScanCorpus.Escaping);

    public static TheoryData<string> BenignFiles => new(ScanCorpus.Benign);

    private FileScanResult Scan(string name, bool seekable = true)
    {
        var bytes = corpus.Read(name);
        using var stream = seekable ? new MemoryStream(bytes, writable: false) : (Stream)new ForwardOnly(bytes);
        return FileScanner.Scan(name, stream, Budget);
    }

    [Theory]
    [MemberData(nameof(MaliciousFiles))]
    public void Malicious_pickle_is_unsafe_and_its_dangerous_import_is_listed(string name)
    {
        var result = Scan(name);
        Assert.Equal(FileScanStatus.Unsafe, result.Status);
        Assert.NotNull(result.Imports);
        var expected = ScanCorpus.Malicious[name];
        Assert.Contains(result.Imports!, i => $"{i.Module}.{i.Name}" == expected && i.Safety == ImportPolicy.Dangerous);
        Assert.Contains(result.Issues, issue => issue.Contains(expected, StringComparison.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EscapingFiles))]
    public void Archive_or_model_with_a_path_leaving_the_repository_is_unsafe(string name)
    {
        var result = Scan(name);
        Assert.Equal(FileScanStatus.Unsafe, result.Status);
        Assert.NotEmpty(result.Issues);
    }

    [Theory]
    [MemberData(nameof(BenignFiles))]
    public void Benign_state_dict_or_archive_is_safe(string name)
    {
        var result = Scan(name);
        Assert.True(result.Status == FileScanStatus.Safe, $"{name}: {result.Status}: {string.Join("; ", result.Issues)}");
        Assert.All(result.Imports ?? [], i => Assert.Equal(ImportPolicy.Innocuous, i.Safety));
    }

    [Fact]
    public void PyTorch_archive_lists_its_rebuild_imports()
    {
        var result = Scan("benign_state_dict.pt");
        var names = result.Imports!.Select(i => $"{i.Module}.{i.Name}").ToHashSet();
        Assert.Contains("torch._utils._rebuild_tensor_v2", names);
        Assert.Contains("torch.FloatStorage", names);
        Assert.Contains("collections.OrderedDict", names);
    }

    [Theory]
    [InlineData("evil_os_system_protocol2.bin")]
    [InlineData("evil_second_pickle.bin")]
    [InlineData("evil_object_array.npy")]
    [InlineData("traversal_member.tar")]
    public void Forward_only_streams_are_scanned_as_well(string name) =>
        Assert.Equal(FileScanStatus.Unsafe, Scan(name, seekable: false).Status);

    [Fact]
    public void A_scan_stops_at_its_byte_budget_and_says_so()
    {
        var bytes = corpus.Read("benign_legacy_format.bin");
        using var stream = new MemoryStream(bytes);
        var result = FileScanner.Scan("benign_legacy_format.bin", stream, 64);
        Assert.Equal(FileScanStatus.Caution, result.Status);
        Assert.Contains(result.Issues, i => i.Contains("stopped after 64 bytes", StringComparison.Ordinal));
    }

    [Fact]
    public void Truncated_pickle_keeps_the_imports_seen_before_the_cut()
    {
        var bytes = corpus.Read("evil_os_system_protocol2.bin");
        using var stream = new MemoryStream(bytes[..^3]);
        var result = FileScanner.Scan("cut.pkl", stream, Budget);
        Assert.Equal(FileScanStatus.Unsafe, result.Status);
        Assert.Contains(result.Issues, i => i.Contains("not a valid pickle", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("model.safetensors", ScanKind.None)]
    [InlineData("weights/pytorch_model.bin", ScanKind.MaybePickle)]
    [InlineData("a/b/data.PKL", ScanKind.Pickle)]
    [InlineData("x.tar.gz", ScanKind.TarGz)]
    [InlineData("x.npz", ScanKind.Zip)]
    [InlineData("model.onnx", ScanKind.Onnx)]
    public void Kind_follows_the_file_name(string path, ScanKind kind) => Assert.Equal(kind, FileScanner.KindOf(path));

    [Theory]
    [InlineData("models/m.onnx", "m.onnx_data", null)]
    [InlineData("models/m.onnx", "../shared/m.data", null)]
    [InlineData("models/m.onnx", "../../m.data", "leaves")]
    [InlineData("m.onnx", "/etc/passwd", "absolute")]
    [InlineData("m.onnx", "C:\\secrets\\x", "absolute")]
    [InlineData("m.onnx", "..\\x", "leaves")]
    [InlineData("m.onnx", "file:///etc/passwd", "URL")]
    public void External_data_must_stay_inside_the_repository(string model, string location, string? problem)
    {
        var found = OnnxScanner.Escapes(model, location);
        if (problem is null) Assert.Null(found);
        else Assert.Contains(problem, found, StringComparison.Ordinal);
    }

    /// <summary>A stream that cannot seek, like a decompressing or network stream.</summary>
    private sealed class ForwardOnly(byte[] data) : MemoryStream(data, writable: false)
    {
        public override bool CanSeek => false;

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
