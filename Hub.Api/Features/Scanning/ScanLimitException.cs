namespace Hub.Api.Features.Scanning;

/// <summary>The scan spent its byte budget before the end of the data.</summary>
public sealed class ScanLimitException(long maxBytes) : Exception($"the scan stopped after {maxBytes} bytes (Hub:Security:Scanning:MaxBytesPerFile)");
