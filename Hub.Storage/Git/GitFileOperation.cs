namespace Hub.Storage.Git;

/// <summary>One change to a tree.</summary>
public abstract record GitFileOperation(string Path);
