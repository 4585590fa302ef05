namespace Hub.Storage.Git;

/// <summary>Who made a commit or tag, and when.</summary>
public sealed record GitSignature(string Name, string Email, DateTimeOffset When);
