namespace Hub.Deploy.Tests.ScaleOut;

/// <summary>A commit the hub answered 200 for: the file it added and the commit id it returned.</summary>
public sealed record AcknowledgedCommit(string Path, string Content, string CommitOid);
