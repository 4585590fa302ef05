namespace Hub.Api.Features.Scanning;

/// <summary>How a file is scanned, from its name (and, for pickle-ish names, its first bytes).</summary>
public enum ScanKind
{
    /// <summary>Nothing to scan (safetensors, text, images…).</summary>
    None,
    /// <summary><c>.bin .pt .pth .ckpt</c>: a pickle, a PyTorch zip archive, or plain binary data.</summary>
    MaybePickle,
    /// <summary><c>.pkl .pickle .joblib .dill</c>: a pickle by name.</summary>
    Pickle,
    /// <summary><c>.npy</c>: object arrays carry a pickle.</summary>
    Npy,
    /// <summary><c>.zip .npz</c>.</summary>
    Zip,
    Tar,
    TarGz,
    Onnx,
}
