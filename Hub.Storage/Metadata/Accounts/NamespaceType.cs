namespace Hub.Storage.Metadata.Accounts;

/// <summary>What owns a name in the shared name space.</summary>
public enum NamespaceType
{
    /// <summary>A user.</summary>
    User,
    /// <summary>An organization.</summary>
    Organization,
}
