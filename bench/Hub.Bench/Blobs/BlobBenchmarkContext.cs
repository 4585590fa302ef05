using Hub.Storage.Blobs;

namespace Hub.Bench.Blobs;

/// <summary>The source file every blob measurement transfers, what it must hash to, and how often each is run.</summary>
internal sealed record BlobBenchmarkContext(string Source, BlobExpectation Expectation, int Runs)
{
    public long Size => Expectation.Size;
}
