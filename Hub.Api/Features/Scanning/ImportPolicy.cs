namespace Hub.Api.Features.Scanning;

/// <summary>
/// Judges pickle imports: <c>innocuous</c> (the allow-list: what PyTorch, NumPy and plain Python containers need to
/// rebuild weights), <c>dangerous</c> (code execution, file and network access, interpreter internals) or
/// <c>suspicious</c> (anything else: unknown callables are not trusted, only reported).
/// </summary>
public static class ImportPolicy
{
    public const string Innocuous = "innocuous";
    public const string Suspicious = "suspicious";
    public const string Dangerous = "dangerous";

    private static readonly HashSet<string> Allowed = new(StringComparer.Ordinal)
    {
        "collections.OrderedDict", "collections.defaultdict", "collections.Counter", "collections.deque",
        "torch._utils._rebuild_tensor", "torch._utils._rebuild_tensor_v2", "torch._utils._rebuild_tensor_v3",
        "torch._utils._rebuild_parameter", "torch._utils._rebuild_parameter_with_state", "torch._utils._rebuild_qtensor",
        "torch._utils._rebuild_sparse_tensor", "torch._utils._rebuild_nested_tensor", "torch._utils._rebuild_meta_tensor_no_storage",
        "torch._utils._rebuild_device_tensor_from_numpy", "torch._utils._rebuild_wrapper_subclass", "torch._utils._rebuild_xla_tensor",
        "torch._tensor._rebuild_from_type_v2", "torch.serialization._get_layout", "torch.Size", "torch.device", "torch.dtype",
        "torch.nn.parameter.Parameter", "torch.Tensor", "torch.UntypedStorage", "torch.TypedStorage",
        "torch.strided", "torch.sparse_coo", "torch.sparse_csr", "torch.contiguous_format", "torch.channels_last", "torch.preserve_format",
        "torch.per_tensor_affine", "torch.per_channel_affine", "torch.per_channel_affine_float_qparams",
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.core.multiarray.scalar",
        "numpy._core.multiarray.scalar", "numpy.ndarray", "numpy.dtype", "numpy.core.numeric._frombuffer", "numpy._core.numeric._frombuffer",
        "builtins.set", "builtins.frozenset", "builtins.dict", "builtins.list", "builtins.tuple", "builtins.bytearray", "builtins.bytes",
        "builtins.slice", "builtins.complex", "builtins.int", "builtins.float", "builtins.str", "builtins.bool", "builtins.range",
        "__builtin__.set", "__builtin__.frozenset", "__builtin__.dict", "__builtin__.list", "__builtin__.tuple", "__builtin__.bytearray",
        "__builtin__.slice", "__builtin__.complex", "__builtin__.int", "__builtin__.float", "__builtin__.long", "__builtin__.unicode",
        "_codecs.encode", "copyreg._reconstructor", "copy_reg._reconstructor",
        "datetime.datetime", "datetime.date", "datetime.time", "datetime.timedelta", "datetime.timezone", "decimal.Decimal", "uuid.UUID",
        "pathlib.PosixPath", "pathlib.WindowsPath", "pathlib.PurePosixPath", "argparse.Namespace", "types.SimpleNamespace",
    };

    /// <summary>Whole modules (and their submodules) whose every name is dangerous.</summary>
    private static readonly string[] DangerousModules =
    [
        "os", "posix", "nt", "subprocess", "sys", "socket", "shutil", "runpy", "pty", "commands", "webbrowser", "importlib",
        "ctypes", "multiprocessing", "code", "codeop", "pdb", "bdb", "marshal", "pickle", "_pickle", "cPickle", "dill", "cloudpickle",
        "joblib", "requests", "urllib", "urllib2", "httplib", "http", "ftplib", "smtplib", "telnetlib", "asyncio", "signal",
        "platform", "pip", "setuptools", "distutils", "tempfile", "glob", "io", "_io", "zipimport", "pkgutil", "threading",
        "_thread", "thread", "functools", "operator", "types", "inspect", "gc", "sysconfig", "site", "tarfile", "zipfile",
        "torch.hub", "torch.jit", "torch.ops", "torch.classes", "torch.storage._load_from_bytes", "torch.serialization.load",
        "numpy.testing", "numpy.f2py", "numpy.distutils", "numpy.load", "numpy.ctypeslib",
    ];

    private static readonly HashSet<string> DangerousBuiltins = new(StringComparer.Ordinal)
    {
        "eval", "exec", "execfile", "compile", "open", "file", "__import__", "getattr", "setattr", "delattr", "globals", "locals",
        "vars", "input", "raw_input", "breakpoint", "apply", "reload", "memoryview", "object", "type", "help", "exit", "quit",
    };

    public static string Judge(PickleImport import)
    {
        if (import.Module == "?") return Dangerous; // STACK_GLOBAL with names the scan could not follow
        var full = import.FullName;
        if (Allowed.Contains(full)) return Innocuous;
        if (import.Module is "torch" && import.Name.EndsWith("Storage", StringComparison.Ordinal) && !import.Name.Contains('.', StringComparison.Ordinal))
            return Innocuous; // torch.FloatStorage, torch.BFloat16Storage...
        if (import.Module is "torch" && IsDtypeName(import.Name)) return Innocuous; // torch.float32, torch.int64...
        if (import.Module is "numpy" && IsDtypeName(import.Name)) return Innocuous;
        if (import.Module is "builtins" or "__builtin__" or "__builtins__")
            return DangerousBuiltins.Contains(import.Name) ? Dangerous : Suspicious;
        foreach (var module in DangerousModules)
        {
            if (full == module || full.StartsWith(module + ".", StringComparison.Ordinal)) return Dangerous;
        }
        return Suspicious;
    }

    private static bool IsDtypeName(string name) => name is "float" or "double" or "half" or "bfloat16" or "bool" or "cfloat" or "cdouble"
        or "float16" or "float32" or "float64" or "complex64" or "complex128" or "int8" or "int16" or "int32" or "int64" or "uint8"
        or "uint16" or "uint32" or "uint64" or "long" or "int" or "short" or "qint8" or "quint8" or "qint32" or "float8_e4m3fn" or "float8_e5m2"
        or "bool_" or "float_" or "int_" or "uint" or "intc" or "uintc" or "longlong" or "ulonglong" or "single" or "csingle";
}
