namespace Hub.Api.Tests.Lfs;

/// <summary><see cref="SmallPartsHub"/> with no room for parts that arrive ahead of their turn, in memory or in files.</summary>
public sealed class NoSpillHub : SmallPartsHub
{
    protected override IEnumerable<KeyValuePair<string, string?>> Extra() =>
        [new("Hub:Lfs:InlineHashMemoryLimit", "0"), new("Hub:Lfs:InlineHashSpillLimit", "0")];
}
