using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using Hub.Api.Tests.Infrastructure;
using Hub.Testing;

namespace Hub.Api.Tests.Security.Scanning;

/// <summary>
/// The scanner corpus: pickles written by Python's own pickler (pickle_corpus.py, stand-in torch/numpy modules, no
/// torch needed) plus hand-assembled opcode streams and archives for what the pickler never emits by itself.
/// </summary>
public sealed class ScanCorpus : IAsyncLifetime
{
    /// <summary>Malicious files and the import that must be reported for each.</summary>
    public static readonly IReadOnlyDictionary<string, string> Malicious = new Dictionary<string, string>
    {
        ["evil_os_system_protocol0.pkl"] = "posix.system",
        ["evil_os_system_protocol2.bin"] = "posix.system",
        ["evil_os_system_protocol4_stack_global.pt"] = "posix.system",
        ["evil_os_system_protocol5.pkl"] = "posix.system",
        ["evil_subprocess_popen_protocol3.pth"] = "subprocess.Popen",
        ["evil_subprocess_check_output_protocol4.ckpt"] = "subprocess.check_output",
        ["evil_builtins_eval_protocol2.pkl"] = "__builtin__.eval",
        ["evil_builtins_exec_protocol4.pkl"] = "builtins.exec",
        ["evil_runpy_protocol1.pkl"] = "runpy.run_path",
        ["evil_webbrowser_protocol2.pkl"] = "webbrowser.open",
        ["evil_state_dict_with_payload.pt"] = "posix.system",
        ["evil_torch_zip_eval.bin"] = "__builtin__.eval",
        ["evil_nested_zip.zip"] = "subprocess.call",
        ["evil_second_pickle.bin"] = "posix.system",
        ["evil_object_array.npy"] = "posix.system",
        ["evil_inst_opcode.pkl"] = "os.system",
        ["evil_stack_global_from_memo.pkl"] = "os.system",
        ["evil_getattr_import_chain.pkl"] = "builtins.getattr",
        ["evil_stack_global_unresolvable.pkl"] = "?.?",
        ["evil_nt_system_handwritten.bin"] = "nt.system",
    };

    /// <summary>Archives and ONNX models whose paths escape (no pickle involved).</summary>
    public static readonly string[] Escaping =
        ["traversal_member.zip", "absolute_member.zip", "traversal_member.tar", "symlink_out.tar.gz", "external_data_escape.onnx", "external_data_absolute.onnx"];

    public static readonly string[] Benign =
    [
        "benign_state_dict.pt", "benign_state_dict_other_prefix.bin", "benign_raw_state_dict.pkl", "benign_half_bfloat16.pth",
        "benign_parameters.ckpt", "benign_optimizer.pt", "benign_checkpoint.ckpt", "benign_numpy_arrays.pkl", "benign_legacy_format.bin",
        "benign_plain_protocol0.pkl", "benign_plain_protocol1.pkl", "benign_plain_protocol2.pkl", "benign_plain_protocol3.pkl",
        "benign_plain_protocol4.pkl", "benign_plain_protocol5.pkl", "benign_clean_archive.zip", "benign_clean_archive.tar",
        "benign_external_data_inside.onnx", "benign_raw_floats.bin",
    ];

    private readonly string dir = Path.Combine(Path.GetTempPath(), "hub-scan-corpus-" + Guid.NewGuid().ToString("N"));

    public byte[] Read(string name) => File.ReadAllBytes(Path.Combine(dir, name));

    public async Task InitializeAsync()
    {
        var script = Path.Combine(RepoRoot.Path, "tests", "Hub.Api.Tests", "Security", "Scanning", "pickle_corpus.py");
        var (exit, output) = await ProcessRunner.RunAsync("python3", [script, dir], RepoRoot.Path, timeout: TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, output);
        Write("evil_inst_opcode.pkl", Encoding.ASCII.GetBytes("(S'echo pwned'\nios\nsystem\n."));
        // 'os' and 'system' memoised, fetched back with BINGET, then STACK_GLOBAL: the names are only on the stack.
        Write("evil_stack_global_from_memo.pkl", [0x80, 4, 0x8c, 2, .. "os"u8, (byte)'q', 0, 0x8c, 6, .. "system"u8, (byte)'q', 1, (byte)'0', (byte)'0',
            (byte)'h', 0, (byte)'h', 1, 0x93, 0x8c, 2, .. "id"u8, 0x85, (byte)'R', (byte)'.']);
        Write("evil_getattr_import_chain.pkl", Encoding.ASCII.GetBytes("cbuiltins\ngetattr\n(cbuiltins\n__import__\n(S'os'\ntRS'system'\ntR(S'id'\ntR."));
        // STACK_GLOBAL whose names come out of a list, which the scan cannot follow: judged dangerous.
        Write("evil_stack_global_unresolvable.pkl", [0x80, 4, (byte)']', (byte)']', 0x93, (byte)')', (byte)'R', (byte)'.']);
        Write("evil_nt_system_handwritten.bin", [0x80, 2, (byte)'c', .. "nt\nsystem\n"u8, 0x8c, 2, .. "id"u8, 0x85, (byte)'R', (byte)'.']);
        Write("traversal_member.zip", Zip(("weights/../../../etc/cron.d/x", "* * * * * root id")));
        Write("absolute_member.zip", Zip(("/etc/passwd", "root::0:0::/:/bin/sh")));
        Write("benign_clean_archive.zip", Zip(("data/train.csv", "a,b\n1,2\n"), ("README.md", "hello")));
        Write("traversal_member.tar", Tar(new UstarTarEntry(TarEntryType.RegularFile, "../outside.txt") { DataStream = new MemoryStream("x"u8.ToArray()) }));
        Write("benign_clean_archive.tar", Tar(new UstarTarEntry(TarEntryType.RegularFile, "data/a.txt") { DataStream = new MemoryStream("x"u8.ToArray()) },
            new UstarTarEntry(TarEntryType.SymbolicLink, "data/link") { LinkName = "a.txt" }));
        Write("symlink_out.tar.gz", Gzip(Tar(new UstarTarEntry(TarEntryType.SymbolicLink, "data/link") { LinkName = "../../../../etc/shadow" })));
        Write("external_data_escape.onnx", Onnx.WithExternalData("../../../../etc/passwd"));
        Write("external_data_absolute.onnx", Onnx.WithExternalData("/var/lib/secrets.bin"));
        Write("benign_external_data_inside.onnx", Onnx.WithExternalData("weights/model.onnx_data"));
        Write("benign_raw_floats.bin", [.. Enumerable.Range(0, 4096).SelectMany(i => BitConverter.GetBytes(i * 0.37f))]);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(dir, recursive: true);
        return Task.CompletedTask;
    }

    private void Write(string name, byte[] data) => File.WriteAllBytes(Path.Combine(dir, name), data);

    public static byte[] Zip(params (string Name, string Content)[] members)
    {
        var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in members)
            {
                using var writer = new StreamWriter(zip.CreateEntry(name).Open());
                writer.Write(content);
            }
        }
        return buffer.ToArray();
    }

    private static byte[] Tar(params TarEntry[] entries)
    {
        var buffer = new MemoryStream();
        using (var tar = new TarWriter(buffer, leaveOpen: true))
        {
            foreach (var entry in entries) tar.WriteEntry(entry);
        }
        return buffer.ToArray();
    }

    private static byte[] Gzip(byte[] data)
    {
        var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(data);
        return buffer.ToArray();
    }
}
