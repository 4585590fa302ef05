namespace Hub.Bench.Api;

/// <summary>Runs of several paths, one round after another, each path once per round.</summary>
internal static class Rounds
{
    /// <summary>
    /// Runs <paramref name="paths"/> one after another, starting with a different one each round (round 1: the first),
    /// so none always runs first, or right after a given other: the store's background work (flushes, freed space)
    /// and its caches then favour no path round after round.
    /// </summary>
    public static async Task InTurnAsync(int round, params Func<Task>[] paths)
    {
        for (var i = 0; i < paths.Length; i++)
            await paths[(round - 1 + i) % paths.Length]();
    }
}
