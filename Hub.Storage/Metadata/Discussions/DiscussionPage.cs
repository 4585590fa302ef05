namespace Hub.Storage.Metadata.Discussions;

/// <summary>One page of discussions.</summary>
/// <param name="Count">How many match the query in all.</param>
/// <param name="Closed">How many of the repository's discussions are closed or merged (whatever the query).</param>
public sealed record DiscussionPage(IReadOnlyList<DiscussionRecord> Items, int Count, int Closed);
