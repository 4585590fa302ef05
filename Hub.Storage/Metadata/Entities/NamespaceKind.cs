namespace Hub.Storage.Metadata.Entities;

internal enum NamespaceKind
{
    User = 0,
    Organization = 1,
}
