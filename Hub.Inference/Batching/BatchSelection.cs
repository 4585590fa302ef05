namespace Hub.Inference.Batching;

/// <summary>
/// Picks the next batch out of the requests waiting for a model. Under load more requests wait than one batch holds;
/// taking them in arrival order pads every batch to the longest of a random handful (about a quarter of a CPU run's
/// work was padding for sentences of 10 to 30 tokens). Instead the waiting requests are ordered by length and the batch
/// is the run of <c>maxBatchSize</c> neighbours in that order that pads least, among those that contain the oldest
/// request: so every batch still serves the request that has waited longest (nothing starves, and equal lengths keep
/// arrival order), and batches stay full.
/// </summary>
internal static class BatchSelection
{
    /// <summary>
    /// Positions in <paramref name="lengths"/> (which lists the waiting requests oldest first) of the next batch, in
    /// order of length: all of them when they fit in one batch.
    /// </summary>
    public static int[] Next(IReadOnlyList<int> lengths, int maxBatchSize)
    {
        var count = lengths.Count;
        if (count <= maxBatchSize) return [.. Enumerable.Range(0, count).OrderBy(i => lengths[i])];
        // Stable: equal lengths stay in arrival order.
        var order = Enumerable.Range(0, count).OrderBy(i => lengths[i]).ToArray();
        var oldest = Array.IndexOf(order, 0);
        var first = Math.Max(0, oldest - maxBatchSize + 1);
        var last = Math.Min(oldest, count - maxBatchSize);
        long tokens = 0, age = 0;
        for (var k = first; k < first + maxBatchSize; k++)
        {
            tokens += lengths[order[k]];
            age += order[k];
        }
        var (best, bestPadding, bestAge) = (first, Padding(first), age);
        for (var start = first + 1; start <= last; start++)
        {
            var (leaving, entering) = (order[start - 1], order[start + maxBatchSize - 1]);
            tokens += lengths[entering] - lengths[leaving];
            age += entering - leaving;
            var padding = Padding(start);
            // Less padding wins; at equal padding the older requests.
            if (padding < bestPadding || (padding == bestPadding && age < bestAge)) (best, bestPadding, bestAge) = (start, padding, age);
        }
        return order[best..(best + maxBatchSize)];

        long Padding(int start) => (long)maxBatchSize * lengths[order[start + maxBatchSize - 1]] - tokens;
    }
}
