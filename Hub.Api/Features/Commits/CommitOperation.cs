namespace Hub.Api.Features.Commits;

/// <summary>One line of the NDJSON commit body after parsing (hf-api.md §2.7.5).</summary>
public abstract record CommitOperation(string Path);
