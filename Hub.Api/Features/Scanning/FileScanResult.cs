namespace Hub.Api.Features.Scanning;

/// <summary>The verdict on one file: status, the pickle imports judged one by one (null when it holds no pickle), findings.</summary>
public sealed record FileScanResult(string Status, IReadOnlyList<JudgedImport>? Imports, IReadOnlyList<string> Issues);
