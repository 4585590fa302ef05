using Hub.Inference.Batching;

namespace Hub.Inference.Tests;

/// <summary>Which waiting requests form the next batch: the oldest with the neighbours in length that pad least.</summary>
public sealed class BatchSelectionTests
{
    [Fact]
    public void Requests_that_fit_in_one_batch_all_run_together_ordered_by_length()
    {
        Assert.Equal([1, 2, 0], BatchSelection.Next([30, 9, 12], 4));
    }

    [Fact]
    public void A_batch_holds_the_oldest_request_and_the_requests_nearest_to_it_in_length()
    {
        // Oldest first: the batch of four around length 20 pads by 3 tokens; taking the first four would pad by 63.
        int[] lengths = [20, 5, 30, 21, 6, 19, 40, 22];

        var batch = BatchSelection.Next(lengths, 4);

        Assert.Equal([5, 0, 3, 7], batch);
    }

    [Fact]
    public void Requests_of_equal_length_run_in_arrival_order()
    {
        Assert.Equal([0, 1, 2, 3], BatchSelection.Next([.. Enumerable.Repeat(10, 10)], 4));
    }

    [Fact]
    public void Among_batches_that_pad_alike_the_one_with_older_requests_wins()
    {
        // The oldest (length 10) pads by 2 with either neighbour; the one that came first joins it.
        Assert.Equal([0, 1], BatchSelection.Next([10, 12, 8], 2));
        Assert.Equal([1, 0], BatchSelection.Next([10, 8, 12], 2));
    }

    [Fact]
    public void Every_batch_is_full_and_serves_the_request_that_waited_longest_so_none_starves()
    {
        var random = new Random(11);
        var waiting = Enumerable.Range(0, 40).Select(i => (Id: i, Length: random.Next(1, 200))).ToList();
        var served = new List<int>();
        var next = waiting.Count;
        while (waiting.Count > 0)
        {
            var batch = BatchSelection.Next([.. waiting.Select(w => w.Length)], 8);
            Assert.Equal(Math.Min(8, waiting.Count), batch.Length);
            Assert.Contains(0, batch);
            Assert.Equal(batch.Length, batch.Distinct().Count());
            Assert.True(batch.Select(i => waiting[i].Length).SequenceEqual(batch.Select(i => waiting[i].Length).Order()));
            served.AddRange(batch.Select(i => waiting[i].Id));
            foreach (var i in batch.Order().Reverse()) waiting.RemoveAt(i);
            // Short requests keep arriving for a while; the long ones already waiting are still served.
            if (next < 200) waiting.AddRange(Enumerable.Range(0, 4).Select(_ => (next++, random.Next(1, 10))));
        }
        Assert.Equal(Enumerable.Range(0, 200), served.Order());
    }
}
