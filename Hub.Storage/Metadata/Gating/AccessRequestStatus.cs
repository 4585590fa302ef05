namespace Hub.Storage.Metadata.Gating;

/// <summary>The states of an access request.</summary>
public static class AccessRequestStatus
{
    /// <summary>Waiting for a repository admin (manual gating).</summary>
    public const string Pending = "pending";

    /// <summary>The user may read the repository's files.</summary>
    public const string Accepted = "accepted";

    /// <summary>Refused; asking again does not reopen it.</summary>
    public const string Rejected = "rejected";

    /// <summary>True for the three states above.</summary>
    public static bool IsValid(string? status) => status is Pending or Accepted or Rejected;
}
