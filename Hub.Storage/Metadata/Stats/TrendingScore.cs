namespace Hub.Storage.Metadata.Stats;

/// <summary>
/// The trending score: recent activity, newest weighing most.
/// <code>
/// score = round( Σ over the last 7 UTC days a = 0 (today) … 6 of  2^(−a/2) · (downloads[a] + 10 · likes[a]),  2 )
/// </code>
/// A download counts once (the primary-file rule), a like given that day counts as ten downloads, and a day's weight
/// halves every two days, so a burst fades within a week. The weights are written out rather than computed so the
/// value is the same bit for bit on every machine (keyset cursors compare it exactly).
/// </summary>
public static class TrendingScore
{
    /// <summary>Days looked back, today included.</summary>
    public const int Days = 7;

    /// <summary>How many downloads one like is worth.</summary>
    public const double LikeWeight = 10;

    private static readonly double[] Weights = [1.0, 0.70710678118654757, 0.5, 0.35355339059327379, 0.25, 0.17677669529663687, 0.125];

    /// <summary>The weight of activity <paramref name="ageDays"/> days old (0 = today), 0 outside the window.</summary>
    public static double Weight(int ageDays) => ageDays is >= 0 and < Days ? Weights[ageDays] : 0;

    /// <summary>The score from downloads and likes per day of age (index 0 = today).</summary>
    public static double Compute(IReadOnlyList<long> downloadsByAge, IReadOnlyList<long> likesByAge)
    {
        var score = 0.0;
        for (var a = 0; a < Days; a++)
        {
            var downloads = a < downloadsByAge.Count ? downloadsByAge[a] : 0;
            var likes = a < likesByAge.Count ? likesByAge[a] : 0;
            score += Weights[a] * (downloads + LikeWeight * likes);
        }
        return Math.Round(score, 2, MidpointRounding.AwayFromZero);
    }
}
