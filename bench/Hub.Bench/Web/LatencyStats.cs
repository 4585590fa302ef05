using System.Globalization;

namespace Hub.Bench.Web;

/// <summary>Percentiles of a set of timings in milliseconds.</summary>
public sealed class LatencyStats(IReadOnlyList<double> milliseconds)
{
    private readonly double[] sorted = [.. milliseconds.Order()];

    public double P50 => Percentile(0.50);

    public double P90 => Percentile(0.90);

    public double P99 => Percentile(0.99);

    public double Mean => sorted.Average();

    public double Percentile(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"p50 {P50,7:0.00} ms  p90 {P90,7:0.00} ms  p99 {P99,7:0.00} ms");
}
