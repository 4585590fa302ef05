namespace Hub.Inference.Runtime;

/// <summary>The folder model files are cached in (from <see cref="InferenceOptions.CacheDir"/> or the hub's data dir).</summary>
internal sealed record InferenceCacheDirectory(string Path);
