namespace Hub.Bench.Load;

/// <summary>Latencies and failures of one route, gathered per worker and merged at the end.</summary>
public sealed class RouteStats(string route)
{
    public string Route { get; } = route;

    public List<double> Milliseconds { get; } = [];

    public Dictionary<string, int> Errors { get; } = [];

    public void Merge(RouteStats other)
    {
        Milliseconds.AddRange(other.Milliseconds);
        foreach (var (k, v) in other.Errors) Errors[k] = Errors.GetValueOrDefault(k) + v;
    }

    public double Percentile(double p)
    {
        if (Milliseconds.Count == 0) return double.NaN;
        Milliseconds.Sort();
        return Milliseconds[(int)Math.Min(Milliseconds.Count - 1, p * Milliseconds.Count)];
    }

    public int ErrorCount => Errors.Values.Sum();
}
